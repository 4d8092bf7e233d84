/** Where a piece of input came from, so that every message and every reason can point at text. */
export interface SourceRef {
  /** File path, or a label such as "<stdin>" or "pasted". */
  readonly file: string;
  /** Index of the YAML document (or JSON value) within the file, from 0. */
  readonly doc: number;
  /** Index of the item inside a List document, when the object came from a List. */
  readonly item?: number;
  /** 1-based line and column of the object's start, when known. */
  readonly line?: number;
  readonly column?: number;
}
