// Default file locations, relative to the repository root (not the working directory), so the
// router, the scripts and the tests find them wherever they are started from.
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DEFAULT_SUPERGRAPH_CONFIG = resolve(REPO_ROOT, 'supergraph.yaml');
export const DEFAULT_SUPERGRAPH_PATH = resolve(REPO_ROOT, 'supergraph.graphql');
export const DEFAULT_ACCEPTED_CHANGES = resolve(REPO_ROOT, 'schema-checks/accepted-changes.json');
export const DEFAULT_RELEASED_SUPERGRAPH = resolve(REPO_ROOT, 'schema-checks/released.graphql');

/** Relative paths from the environment are taken relative to the working directory. */
export const absolutePath = (path: string): string => (isAbsolute(path) ? path : resolve(process.cwd(), path));
