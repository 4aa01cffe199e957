/** The oldest Node.js the tool and its dependencies run on (package.json `engines`). */
export const MINIMUM_NODE = [20, 19, 0] as const;

/** Why `version` (e.g. `18.20.4`) is too old to run feishu-errcodes, or undefined when it is fine. */
export function nodeVersionProblem(version: string): string | undefined {
  const parts = version.replace(/^v/, '').split('.').map((part) => parseInt(part, 10) || 0);
  for (let i = 0; i < MINIMUM_NODE.length; i++) {
    const have = parts[i] ?? 0;
    if (have > MINIMUM_NODE[i]!) return undefined;
    if (have < MINIMUM_NODE[i]!) {
      return `needs Node.js ${MINIMUM_NODE.join('.')} or later, and this is Node.js ${version}; install a current LTS release (https://nodejs.org), or switch with nvm/fnm/volta`;
    }
  }
  return undefined;
}
