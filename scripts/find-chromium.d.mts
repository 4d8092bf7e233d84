export interface FoundChromium {
  readonly path: string;
  readonly source: string;
}
export function findChromium(): Promise<FoundChromium | null>;
export function installChromium(): void;
export function ensureChromium(): Promise<FoundChromium>;
