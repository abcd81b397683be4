/** The parts of `terraform providers schema -json` output that docs and bindings read. */

export interface SchemaAttributeJson {
  type?: unknown;
  nested_type?: { attributes: Record<string, SchemaAttributeJson>; nesting_mode: 'single' | 'list' | 'set' | 'map' };
  description?: string;
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
  sensitive?: boolean;
  deprecated?: boolean;
}

export interface SchemaBlockJson {
  attributes?: Record<string, SchemaAttributeJson>;
  block_types?: Record<string, { nesting_mode: string; block: SchemaBlockJson }>;
  description?: string;
  deprecated?: boolean;
}

export interface SchemaJson {
  version?: number;
  block: SchemaBlockJson;
}

export interface ProviderSchemaJson {
  provider: SchemaJson;
  resource_schemas?: Record<string, SchemaJson>;
  data_source_schemas?: Record<string, SchemaJson>;
}

export interface ProvidersSchemaJson {
  format_version: string;
  provider_schemas: Record<string, ProviderSchemaJson>;
}
