/**
 * A value a notebook cell printed that says it computed nothing: `NaN` or `None` standing as a
 * value (after `:`, `=`, `[`, `(`, `,` or alone), the silent failures the operator once let pass
 * in about one in five passing jobs. Words like "None of the rows" are not values and do not match.
 */
const SILENT_VALUE =
  /(?:^|[:=[(,{]\s*)(nan|NaN|NAN|None|null)(?=\s*(?:$|[,\]})\n]))/m;

/**
 * What in a cell's output looks like a silent failure, or undefined.
 * @public
 */
export function detectSilentFailure(
  output: string | undefined,
): string | undefined {
  if (!output) return undefined;
  const match = SILENT_VALUE.exec(output);
  if (!match) return undefined;
  const value = match[1];
  return `printed ${value === 'None' || value === 'null' ? 'None' : 'NaN'}`;
}
