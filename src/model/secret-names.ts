/**
 * Field names that look like secrets: an LDAP bind password, a key's passphrase, a private key, a
 * token. Where the model does not describe a field (an `sps_object` body, an attribute a plan
 * report does not know), its name is all there is to go by.
 */
export const SECRET_FIELD_NAME = /password|passphrase|secret|token|private_key/i;
