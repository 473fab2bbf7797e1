// The accounts a person can act with: their accounts in the polkadot.js browser extension (or
// any wallet that injects the same way), and on a development chain the well-known dev
// accounts. Every signature comes from one of these; the app never asks for a seed phrase.

import { Keyring } from '@polkadot/api';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { Signer } from '@polkadot/api/types';
import { stringToU8a, u8aToHex, u8aWrapBytes } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';

export const SS58_FORMAT = 42;
const APP_NAME = 'HealthChain';

export interface Account {
  address: string;
  name: string;
  source: 'development' | 'extension';
  /** A development account's secret URI (`//Alice`); its encryption key derives from it. */
  uri?: string;
  /** Signs transactions: the dev key pair, or the extension's signer. */
  sign: { pair: KeyringPair } | { signer: Signer };
  /** Signs a gateway challenge; the signature's hex. Wallets wrap it in `<Bytes>…</Bytes>`. */
  signMessage(message: string): Promise<string>;
}

export const DEV_NAMES = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'];

/** The well-known dev accounts (`//Alice` …), only ever offered on a development chain. */
export async function developmentAccounts(extra: string[] = []): Promise<Account[]> {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: SS58_FORMAT });
  return [...DEV_NAMES.map((name) => `//${name}`), ...extra].map((uri) => {
    const pair = keyring.addFromUri(uri, { name: uri.replace(/^\/\//, '') });
    return {
      address: pair.address,
      name: uri.replace(/^\/\//, ''),
      source: 'development' as const,
      uri,
      sign: { pair },
      async signMessage(message: string) {
        return u8aToHex(pair.sign(u8aWrapBytes(stringToU8a(message))));
      },
    };
  });
}

/** The accounts of the injected wallets the person allows this app to see. */
export async function extensionAccounts(): Promise<{ accounts: Account[]; problem?: string }> {
  const { web3Accounts, web3Enable, web3FromSource } = await import('@polkadot/extension-dapp');
  const extensions = await web3Enable(APP_NAME);
  if (extensions.length === 0) {
    return {
      accounts: [],
      problem: 'No wallet extension answered. Install the polkadot.js extension (or another Polkadot wallet), allow this site, and reload.',
    };
  }
  const injected = await web3Accounts({ ss58Format: SS58_FORMAT, accountType: ['sr25519', 'ed25519'] });
  const accounts = await Promise.all(
    injected.map(async (account) => {
      const { signer } = await web3FromSource(account.meta.source);
      return {
        address: account.address,
        name: account.meta.name ?? account.address,
        source: 'extension' as const,
        sign: { signer },
        async signMessage(message: string) {
          if (!signer.signRaw) throw new Error('This wallet cannot sign messages.');
          const { signature } = await signer.signRaw({ address: account.address, data: message, type: 'bytes' });
          return signature;
        },
      };
    }),
  );
  return accounts.length > 0
    ? { accounts }
    : { accounts, problem: 'Your wallet shares no accounts with this site. Add or allow one in the extension.' };
}
