/**
 * The ordered list of migrations this build knows. Bundlers do not follow globs, so every
 * migration is listed here by hand, oldest first. Released migrations are never edited.
 */
import { InitialSchema1763800000000 } from './1763800000000-InitialSchema';
import { RuleSets1763900000000 } from './1763900000000-RuleSets';

export const migrations = [InitialSchema1763800000000, RuleSets1763900000000];
