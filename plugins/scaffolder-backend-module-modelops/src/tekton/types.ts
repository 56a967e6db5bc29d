/** A Tekton or catalog object this module writes: plain JSON, safe to serialize as YAML. */
export interface TektonObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name?: string;
    generateName?: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    /** Catalog entities only. */
    title?: string;
    description?: string;
  };
  spec: Record<string, unknown>;
}
