// Breaking changes between two supergraphs' API schemas (@graphql-inspector/core), split into
// those a checked-in acceptance covers and those that fail the check.
import { CriticalityLevel, diff } from '@graphql-inspector/core';
import type { AcceptedChange } from './accepted-changes.ts';
import { apiSchemaOf } from './api-schema.ts';

export interface SchemaChange {
  type: string;
  /** Schema coordinate, e.g. User.email; '' when the change has none. */
  path: string;
  message: string;
  level: 'BREAKING' | 'DANGEROUS' | 'NON_BREAKING';
}

export interface BreakingChangeReport {
  /** Breaking and not accepted: these fail the check. */
  unaccepted: SchemaChange[];
  /** Breaking but listed in the accepted-changes file. */
  accepted: SchemaChange[];
  /** Not breaking for existing clients, but worth a look (e.g. a new enum value). */
  dangerous: SchemaChange[];
  /** Acceptances that matched nothing: safe to delete once the change is on main. */
  unusedAcceptances: AcceptedChange[];
  changeCount: number;
}

function levelOf(level: CriticalityLevel): SchemaChange['level'] {
  switch (level) {
    case CriticalityLevel.Breaking:
      return 'BREAKING';
    case CriticalityLevel.Dangerous:
      return 'DANGEROUS';
    case CriticalityLevel.NonBreaking:
      return 'NON_BREAKING';
    default: {
      const unreachable: never = level;
      return unreachable;
    }
  }
}

export async function findBreakingChanges(baselineSdl: string, currentSdl: string, acceptances: AcceptedChange[]): Promise<BreakingChangeReport> {
  const changes: SchemaChange[] = (await diff(apiSchemaOf(baselineSdl), apiSchemaOf(currentSdl))).map((c) => ({
    type: String(c.type),
    path: c.path ?? '',
    message: c.message,
    level: levelOf(c.criticality.level),
  }));
  const isAccepted = (c: SchemaChange) => acceptances.some((a) => a.type === c.type && a.path === c.path);
  const breaking = changes.filter((c) => c.level === 'BREAKING');
  return {
    unaccepted: breaking.filter((c) => !isAccepted(c)),
    accepted: breaking.filter(isAccepted),
    dangerous: changes.filter((c) => c.level === 'DANGEROUS'),
    unusedAcceptances: acceptances.filter((a) => !breaking.some((c) => c.type === a.type && c.path === a.path)),
    changeCount: changes.length,
  };
}
