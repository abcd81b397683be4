import { nameLike, number, string } from './fields';
import { cidr, domainName, domainPattern, hostOrAddress, ipAddress, name, port, userName } from './validators';

/** Field builders for the value types many kinds share, with the validators of validators.ts. */

/** An object's name: objects are looked up and told apart by it. */
export const nameField = (doc: string) => nameLike(doc, name);
/** A user or group name, as the appliance matches it. */
export const userNameField = (doc: string) => nameLike(doc, userName);
export const portField = (doc: string) => number(doc, port);
export const cidrField = (doc: string) => string(doc, cidr);
export const ipAddressField = (doc: string) => string(doc, ipAddress);
export const hostOrAddressField = (doc: string) => string(doc, hostOrAddress);
export const domainNameField = (doc: string) => string(doc, domainName);
export const domainPatternField = (doc: string) => string(doc, domainPattern);
