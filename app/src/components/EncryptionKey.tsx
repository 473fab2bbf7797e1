// The person's encryption key: whether the chain holds its public half, and creating,
// restoring or publishing it. Documents shared with them are sealed to that key.

import { useState } from 'preact/hooks';
import { u8aToHex } from '@polkadot/util';

import { useApi, useApp } from '../state';
import { runtimeCall } from '../chain/calls';
import { useAction, useLoad } from '../lib/hooks';
import { Outcome } from './Outcome';
import { createKey, keyOf, restoreKey } from '../lib/keys';

export function EncryptionKey() {
  const api = useApi();
  const { account, send, heads } = useApp();
  const [recovery, setRecovery] = useState('');
  const [shown, setShown] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const [, setVersion] = useState(0);
  const publishing = useAction();
  const published = useLoad(async () => {
    if (!account) return undefined;
    const key = await runtimeCall(api, 'recordsApi', 'encryptionKey', account.address);
    return key.isSome ? key.unwrap().toHex() as string : null;
  }, [api, account?.address, heads.best]);
  if (!account) return null;
  const local = keyOf(account);
  const localHex = local ? u8aToHex(local.publicKey) : undefined;
  const publish = () => {
    const pair = keyOf(account) ?? createKey(account).pair;
    return publishing.run(true, () => send(api.tx.records.publishEncryptionKey(u8aToHex(pair.publicKey)), 'Publish my encryption key'));
  };
  return (
    <section class="card" aria-labelledby="key-title">
      <h2 id="key-title">My encryption key</h2>
      {published.value === null && <p class="warning">You have not published an encryption key: nobody can share a document with you yet.</p>}
      {published.value && localHex === published.value && <p class="success">Your encryption key is published and open in this page: you can read documents shared with you.</p>}
      {published.value && localHex !== published.value && (
        <p class="warning">Your published key is not open in this page. Enter your recovery key to read documents shared with you.</p>
      )}
      <div class="row">
        {(!published.value || localHex !== published.value) && local && (
          <button type="button" disabled={publishing.busy} onClick={publish}>{published.value ? 'Publish this page\u2019s key instead' : 'Publish my encryption key'}</button>
        )}
        {!local && (
          <button
            type="button"
            onClick={() => {
              const { recoveryKey } = createKey(account);
              setShown(recoveryKey);
              setVersion((v) => v + 1);
            }}
          >
            Create a new key
          </button>
        )}
      </div>
      {shown && (
        <p class="preview">
          Your recovery key: <code>{shown}</code>. Write it down and keep it safe; it is the only way to read your documents on another device. It is not stored anywhere.
        </p>
      )}
      {!local && (
        <form
          class="inline"
          onSubmit={(e) => {
            e.preventDefault();
            try {
              restoreKey(account, recovery);
              setProblem(undefined);
              setRecovery('');
              setVersion((v) => v + 1);
            } catch (error) {
              setProblem(error instanceof Error ? error.message : String(error));
            }
          }}
        >
          <label>
            Recovery key <input type="password" autoComplete="off" value={recovery} onInput={(e) => setRecovery((e.target as HTMLInputElement).value)} />
          </label>
          <button type="submit" class="secondary">Open</button>
        </form>
      )}
      <Outcome problem={problem ?? publishing.problem} />
    </section>
  );
}
