/**
 * The org units with their teacher counts, reloaded whenever units or teachers change (an import
 * changes counts), shared by the roster and org management views.
 */
import { useMemo } from 'react';
import { type OrgNode } from '@shared/api/org.contract';
import { type ApiError } from '../../api/api-error';
import { useApiQuery } from '../../api/use-api-query';
import { indexById } from './org-tree-model';

export interface OrgTreeState {
  nodes: OrgNode[];
  byId: Map<string, OrgNode>;
  /** Whether the units have been read once (before that, `nodes` is empty but says nothing). */
  hasLoaded: boolean;
  isLoading: boolean;
  error: ApiError | null;
  reload: () => void;
}

const NO_NODES: OrgNode[] = [];

/** `isEnabled: false` holds the query back (the roster asks once its first rows are in). */
export function useOrgTree({ isEnabled = true }: { isEnabled?: boolean } = {}): OrgTreeState {
  const { data, isLoading, error, reload } = useApiQuery(
    'org/tree',
    {},
    { refreshOn: ['org', 'roster'], isEnabled },
  );
  const nodes = data?.nodes ?? NO_NODES;
  const byId = useMemo(() => indexById(nodes), [nodes]);
  return { nodes, byId, hasLoaded: data !== undefined, isLoading, error, reload };
}
