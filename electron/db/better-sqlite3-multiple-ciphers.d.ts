/**
 * The package ships its typings (`index.d.ts`) but its `exports` map has no `types` entry, so
 * TypeScript's `bundler` resolution cannot find them. This re-declares the module from that file;
 * it changes nothing at runtime. (Remove it once the package, or a tsconfig `paths` entry, fixes it.)
 */
/* eslint-disable @typescript-eslint/consistent-type-imports --
   an ambient module may not import by relative path; import() types are the only way to refer
   to the shipped file. */
declare module 'better-sqlite3-multiple-ciphers' {
  const Database: typeof import('../../node_modules/better-sqlite3-multiple-ciphers/index');
  namespace Database {
    type Database = import('../../node_modules/better-sqlite3-multiple-ciphers/index').Database;
    type Statement<
      BindParameters extends unknown[] | object = unknown[],
      Result = unknown,
    > = import('../../node_modules/better-sqlite3-multiple-ciphers/index').Statement<
      BindParameters,
      Result
    >;
    type Transaction =
      import('../../node_modules/better-sqlite3-multiple-ciphers/index').Transaction;
    type RunResult = import('../../node_modules/better-sqlite3-multiple-ciphers/index').RunResult;
    type Options = import('../../node_modules/better-sqlite3-multiple-ciphers/index').Options;
    type PragmaOptions =
      import('../../node_modules/better-sqlite3-multiple-ciphers/index').PragmaOptions;
    type RegistrationOptions =
      import('../../node_modules/better-sqlite3-multiple-ciphers/index').RegistrationOptions;
    type SerializeOptions =
      import('../../node_modules/better-sqlite3-multiple-ciphers/index').SerializeOptions;
    type BackupMetadata =
      import('../../node_modules/better-sqlite3-multiple-ciphers/index').BackupMetadata;
    type BackupOptions =
      import('../../node_modules/better-sqlite3-multiple-ciphers/index').BackupOptions;
    type SqliteError =
      import('../../node_modules/better-sqlite3-multiple-ciphers/index').SqliteError;
  }
  export = Database;
}
