import type { Construct } from 'constructs';
import { DataSpsAuditPolicy } from './generated/sps/data-sps-audit-policy';
import { DataSpsHttpAuthenticationPolicy } from './generated/sps/data-sps-http-authentication-policy';
import { DataSpsHttpChannelPolicy } from './generated/sps/data-sps-http-channel-policy';
import { DataSpsHttpSettingsPolicy } from './generated/sps/data-sps-http-settings-policy';
import { DataSpsIndexingPolicy } from './generated/sps/data-sps-indexing-policy';
import { DataSpsLocalGroup } from './generated/sps/data-sps-local-group';
import { DataSpsSigningCa } from './generated/sps/data-sps-signing-ca';
import { DataSpsTrustedCaList } from './generated/sps/data-sps-trusted-ca-list';
import { DataSpsX509Identity } from './generated/sps/data-sps-x509-identity';

/** An existing appliance object, known by its key (resolved by Terraform at plan time). */
export interface IApplianceObject {
  /** The object's key on the appliance. */
  readonly id: string;
}

/** A generated data source that finds an object by name. */
type NameLookupDataSource = new (scope: Construct, id: string, config: { name: string }) => IApplianceObject;

/** `fromName(scope, id, name)` for one kind of referenced object (built-ins included). */
function lookupByName(DataSource: NameLookupDataSource) {
  return class {
    /** An existing object of this kind, by name (e.g. a built-in "default"). */
    static fromName(scope: Construct, id: string, name: string): IApplianceObject {
      return new DataSource(scope, id, { name });
    }
  };
}

/** HTTP channel policies, e.g. the built-in "default". */
export const HttpChannelPolicy = lookupByName(DataSpsHttpChannelPolicy);
/** HTTP settings policies (timeouts), e.g. the built-in "default". */
export const HttpSettingsPolicy = lookupByName(DataSpsHttpSettingsPolicy);
/** HTTP authentication policies, e.g. the built-in "default". */
export const HttpAuthenticationPolicy = lookupByName(DataSpsHttpAuthenticationPolicy);
/** Audit policies, e.g. the built-in "default". */
export const AuditPolicy = lookupByName(DataSpsAuditPolicy);
/** Indexing policies, e.g. the built-in "default". */
export const IndexingPolicy = lookupByName(DataSpsIndexingPolicy);
/** Local user groups. */
export const LocalGroup = lookupByName(DataSpsLocalGroup);
/** Certificates with their private keys uploaded to SPS. */
export const X509Identity = lookupByName(DataSpsX509Identity);
/** Signing CAs. */
export const SigningCa = lookupByName(DataSpsSigningCa);
/** Trusted CA lists. */
export const TrustedCaList = lookupByName(DataSpsTrustedCaList);

/** A reference: an object from a lookup or construct, or a key written out. */
export type ObjectReference = IApplianceObject | string;

export function keyOf(reference: ObjectReference): string {
  return typeof reference === 'string' ? reference : reference.id;
}
