/** Shared imports of the client tests. */
export * from '../../src/client';
export { userLists as userListsSpec, apiClients as apiClientsSpec, localGroups as localGroupsSpec } from '../../src/model';
