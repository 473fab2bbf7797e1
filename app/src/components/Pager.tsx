// Long lists show a page at a time.

import { useState } from 'preact/hooks';

export interface Page<T> {
  items: T[];
  index: number;
  count: number;
  go(index: number): void;
}

export function usePage<T>(all: T[], size: number): Page<T> {
  const [index, setIndex] = useState(0);
  const count = Math.max(1, Math.ceil(all.length / size));
  const current = Math.min(index, count - 1);
  return { items: all.slice(current * size, (current + 1) * size), index: current, count, go: setIndex };
}

export function Pager<T>({ page, label }: { page: Page<T>; label: string }) {
  if (page.count <= 1) return null;
  return (
    <nav class="pager" aria-label={`Pages of ${label}`}>
      <button type="button" class="secondary" disabled={page.index === 0} onClick={() => page.go(page.index - 1)}>Newer</button>
      <span>Page {page.index + 1} of {page.count}</span>
      <button type="button" class="secondary" disabled={page.index + 1 >= page.count} onClick={() => page.go(page.index + 1)}>Older</button>
    </nav>
  );
}
