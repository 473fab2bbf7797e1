// Writing a document into someone's records, for the patient and the clinician alike: its
// kind, its text (or a file), encrypted in the page and registered on chain by `register`.

import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { SubmittableExtrinsic } from '@polkadot/api/types';

import { useApi, useApp } from '../state';
import { writeDocument } from '../lib/documents';
import { useAction } from '../lib/hooks';
import { Outcome } from './Outcome';
import { type Category, LOINC_CHOICES, PURPOSES } from '../lib/words';

export interface DocumentFormProps {
  id: string;
  title: string;
  kindLabel: string;
  textLabel: string;
  /** Whether a file may be chosen instead of text. */
  file?: boolean;
  help: string;
  submitLabel: string;
  txLabel: string;
  /** The transaction that registers the document, from its category, hash and pointer. */
  register(category: Category, contentHash: string, pointer: string): SubmittableExtrinsic<'promise'>;
  /** Accounts besides the writer whose published keys get the document's key. */
  readers: string[];
  /** What to tell the person once it is added. */
  added(record: bigint, withoutKey: string[]): string;
  /** The kind, when it is fixed (a new version keeps its record's); otherwise the writer picks. */
  category?: Category;
  /** Further fields, shown before the text. */
  children?: ComponentChildren;
}

export function DocumentForm(props: DocumentFormProps) {
  const api = useApi();
  const { account, send, config } = useApp();
  const [kind, setKind] = useState(LOINC_CHOICES[0].code);
  const [text, setText] = useState('');
  const [file, setFile] = useState<File>();
  const [step, setStep] = useState<string>();
  const { busy, done, problem, run } = useAction();
  const submit = (event: Event) => {
    event.preventDefault();
    if (!account) return;
    return run(true, async () => {
      const bytes = file ? new Uint8Array(await file.arrayBuffer()) : new TextEncoder().encode(text);
      const category: Category = props.category ?? { system: 'Loinc', code: kind };
      const { record, withoutKey } = await writeDocument(
        api, send, config.gateway, account, bytes,
        (hash, pointer) => props.register(category, hash, pointer),
        props.txLabel, props.readers, setStep,
      );
      setText('');
      setFile(undefined);
      return props.added(record, withoutKey);
    }).finally(() => setStep(undefined));
  };
  return (
    <section class="card" aria-labelledby={`${props.id}-title`}>
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      <form class="grid" onSubmit={submit}>
        {!props.category && (
          <label>
            {props.kindLabel}
            <select name={`${props.id}-kind`} value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value)}>
              {LOINC_CHOICES.map(({ code, name }) => <option key={code} value={code}>{name}</option>)}
            </select>
          </label>
        )}
        {props.children}
        <label>
          {props.textLabel}
          <textarea name={`${props.id}-text`} rows={4} value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
        </label>
        {props.file && (
          <label>
            Or a file
            <input type="file" name={`${props.id}-file`} onChange={(e) => setFile((e.target as HTMLInputElement).files?.[0])} />
          </label>
        )}
        <p class="help">{props.help}</p>
        <button type="submit" disabled={busy || (!file && text.trim() === '')}>{step ?? props.submitLabel}</button>
        <Outcome done={done} problem={problem} />
      </form>
    </section>
  );
}

/** A select of the purposes of use, in words. */
export function PurposeSelect({ value, onChange, disabled }: { value: string; onChange(purpose: string): void; disabled?: boolean }) {
  return (
    <label>
      Purpose
      <select name="purpose" value={value} disabled={disabled} onChange={(e) => onChange((e.target as HTMLSelectElement).value)}>
        {Object.entries(PURPOSES).map(([purpose, words]) => <option key={purpose} value={purpose}>{words[0].toUpperCase() + words.slice(1)}</option>)}
      </select>
    </label>
  );
}
