/**
 * The appliance client and the commit coordinator: everything the provider needs to talk to SPS.
 *
 *   const client = new ApplianceClient({ url, credentials, tls, logger });   // no login yet
 *   const coordinator = new CommitCoordinator(client, { commitMessage, lockTimeoutMs, signal: stopSignal, logger, plannedChanges });
 *
 *   // read / refresh (one GET, no transaction):   await client.get(userLists, key)  → { key, body, readOnly } | null
 *   // create:  const { key, extras } = await coordinator.submit((tx) => tx.create(userLists, body), { signal, description });
 *   // update:  await coordinator.submit((tx) => tx.replaceIfUnchanged(userLists, key, priorBody, plannedBody));
 *   // delete:  await coordinator.submit((tx) => tx.deleteIfUnchanged(userLists, key, priorBody));
 *   // shutdown: await coordinator.idle(); await client.close();   // logs out, closes the pool
 *
 * Collections are always the model's CollectionSpec objects (userLists above), which type the
 * bodies. The coordinator runs each group of changes in one Transaction (open with the lock wait,
 * commit, verify, rollback); a change sees it through its TransactionScope.
 */
export * from './errors';
export * from './logger';
export { ApplianceClient } from './appliance-client';
export type { ApplianceClientOptions, ApplianceObject, CommitAnswer, CreatedObject, LenientObject, RequestScope, TransactionInfo } from './appliance-client';
export type { Credentials } from './session';
export { DEFAULT_CONNECTIONS } from './http-transport';
export type { TlsOptions } from './http-transport';
export type { RetryOptions } from './retry-policy';
export type { TransactionChange } from './wire-schemas';
export { Transaction } from './transaction';
export type { TransactionOptions, TransactionStats } from './transaction';
export { TransactionScope } from './transaction-scope';
export type { UnchangedOptions } from './transaction-scope';
export { CommitCoordinator } from './commit-coordinator';
export type { Change, ChangesOnTheirWay, CommitCoordinatorOptions, SubmitOptions } from './commit-coordinator';
export { diffValues } from './lost-update';
