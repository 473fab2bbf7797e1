// What an action achieved, or why it failed, announced to screen readers as it changes.

export function Outcome({ done, problem }: { done?: string; problem?: string }) {
  return (
    <>
      {done && <p class="success" role="status">{done}</p>}
      {problem && <p class="warning" role="alert">{problem}</p>}
    </>
  );
}
