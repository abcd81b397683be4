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

/** Objects that connection policies and API clients reference, looked up by name (built-ins included). */
export class HttpChannelPolicy {
  /** An existing HTTP channel policy, e.g. the built-in "default". */
  static fromName(scope: Construct, id: string, name: string): IApplianceObject {
    return new DataSpsHttpChannelPolicy(scope, id, { name });
  }
}

export class HttpSettingsPolicy {
  /** An existing HTTP settings policy, e.g. the built-in "default". */
  static fromName(scope: Construct, id: string, name: string): IApplianceObject {
    return new DataSpsHttpSettingsPolicy(scope, id, { name });
  }
}

export class HttpAuthenticationPolicy {
  /** An existing HTTP authentication policy, e.g. the built-in "default". */
  static fromName(scope: Construct, id: string, name: string): IApplianceObject {
    return new DataSpsHttpAuthenticationPolicy(scope, id, { name });
  }
}

export class AuditPolicy {
  /** An existing audit policy, e.g. the built-in "default". */
  static fromName(scope: Construct, id: string, name: string): IApplianceObject {
    return new DataSpsAuditPolicy(scope, id, { name });
  }
}

export class IndexingPolicy {
  /** An existing indexing policy, e.g. the built-in "default". */
  static fromName(scope: Construct, id: string, name: string): IApplianceObject {
    return new DataSpsIndexingPolicy(scope, id, { name });
  }
}

export class LocalGroup {
  /** An existing local user group. */
  static fromName(scope: Construct, id: string, name: string): IApplianceObject {
    return new DataSpsLocalGroup(scope, id, { name });
  }
}

export class X509Identity {
  /** An existing certificate with its private key uploaded to SPS. */
  static fromName(scope: Construct, id: string, name: string): IApplianceObject {
    return new DataSpsX509Identity(scope, id, { name });
  }
}

export class SigningCa {
  /** An existing signing CA. */
  static fromName(scope: Construct, id: string, name: string): IApplianceObject {
    return new DataSpsSigningCa(scope, id, { name });
  }
}

export class TrustedCaList {
  /** An existing trusted CA list. */
  static fromName(scope: Construct, id: string, name: string): IApplianceObject {
    return new DataSpsTrustedCaList(scope, id, { name });
  }
}

/** A reference: an object from a lookup or construct, or a key written out. */
export type ObjectReference = IApplianceObject | string;

export function keyOf(reference: ObjectReference): string {
  return typeof reference === 'string' ? reference : reference.id;
}
