/**
 * The ordered list of migrations this build knows. Bundlers do not follow globs, so every
 * migration is listed here by hand, oldest first. Released migrations are never edited in what
 * they do: the first two were rewritten with the schema builder to run on both engines, and the
 * third brings databases made by their released SQLite DDL to the same shape.
 */
import { InitialSchema1763800000000 } from './1763800000000-InitialSchema';
import { RuleSets1763900000000 } from './1763900000000-RuleSets';
import { PortableSchema1764900000000 } from './1764900000000-PortableSchema';
import { NameSortKeys1765000000000 } from './1765000000000-NameSortKeys';
import { Operators1765100000000 } from './1765100000000-Operators';
import { OrgNameSortKeys1765200000000 } from './1765200000000-OrgNameSortKeys';
import { Projects1765300000000 } from './1765300000000-Projects';
import { Enrollment1765400000000 } from './1765400000000-Enrollment';
import { TeacherSchoolNameIndex1765500000000 } from './1765500000000-TeacherSchoolNameIndex';

export const migrations = [
  InitialSchema1763800000000,
  RuleSets1763900000000,
  PortableSchema1764900000000,
  NameSortKeys1765000000000,
  Operators1765100000000,
  OrgNameSortKeys1765200000000,
  Projects1765300000000,
  Enrollment1765400000000,
  TeacherSchoolNameIndex1765500000000,
];
