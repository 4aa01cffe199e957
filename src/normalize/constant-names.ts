/**
 * The one UPPER_SNAKE rule: the Python member and the Java constant of a locked
 * PascalCase name are the same text (`InternalError1663` → `INTERNAL_ERROR_1663` in both).
 */

/**
 * Words of a PascalCase name: a break before an upper-case letter that follows a
 * lower-case letter or a digit, before the last capital of a run followed by a lower-case
 * letter, and before a run of digits that follows a letter. `AppIDUnauthorized` → App, ID,
 * Unauthorized; `Code99991663` → Code, 99991663.
 */
export function nameWords(name: string): string[] {
  return name.split(/(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=[0-9])/);
}

/** `TalentNotExist` → `TALENT_NOT_EXIST`, `AppIDUnauthorized` → `APP_ID_UNAUTHORIZED`, `Code1002102` → `CODE_1002102`. */
export function upperSnake(name: string): string {
  return nameWords(name).join('_').toUpperCase();
}

/** `HireErrorCode` → `hire_error_code`. */
export function lowerSnake(name: string): string {
  return nameWords(name).join('_').toLowerCase();
}

/**
 * The UPPER_SNAKE constant of every locked name of one module. Two names that meet in
 * UPPER_SNAKE (`AppId` and `AppID`) are told apart by a suffix on the later one in
 * code-unit order (`APP_ID_2`), whatever order the names come in: same names in, same
 * constants out, in every language.
 */
export function constantNames(names: readonly string[]): Map<string, string> {
  const result = new Map<string, string>();
  const used = new Set<string>();
  for (const name of [...new Set(names)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    const base = upperSnake(name);
    let constant = base;
    for (let n = 2; used.has(constant); n++) constant = `${base}_${n}`;
    used.add(constant);
    result.set(name, constant);
  }
  return result;
}
