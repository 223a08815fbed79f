/**
 * Counts which parts of the public API have documentation and an `@example`: every function and
 * class exported by `tunekit`, `tunekit/data` and `tunekit/testing`, the public methods of those
 * classes, and the methods of the client's resources (`client.files`, `client.jobs`,
 * `client.chat.completions`, …, reached through the client's public properties). Prints the
 * counts and what lacks what; `--json` prints the same as JSON.
 *
 * Exits 1 when a function, class or method has no doc comment at all, or an exported class has
 * no `@example` (CI runs it, so an undocumented public API fails the build); a function or
 * method without an `@example` is reported, and fails too with `--require-examples`. Broken
 * doc comments (links to nothing, types referenced but not exported) are what
 * `npm run docs:check` fails on.
 *
 * Usage: node scripts/api-doc-coverage.ts [--json] [--require-examples]
 */
import { join } from 'node:path';
import ts from 'typescript';

/** The package's entry points and the sources behind them. */
export const ENTRIES: Record<string, string> = {
  tunekit: 'src/index.ts',
  'tunekit/data': 'src/data/index.ts',
  'tunekit/testing': 'src/testing/index.ts',
};

/** One documented thing of the API and what its doc comment has. */
export interface ApiItem {
  kind: 'function' | 'class' | 'method';
  /** `tunekit/data: validateTrainingFile`, `tunekit: Jobs.wait`. */
  name: string;
  documented: boolean;
  example: boolean;
}

function hasDoc(symbol: ts.Symbol, checker: ts.TypeChecker): boolean {
  return ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim().length > 0;
}

function hasExample(symbol: ts.Symbol): boolean {
  return (symbol.declarations ?? []).some((declaration) =>
    ts.getJSDocTags(declaration).some((tag) => tag.tagName.text === 'example'),
  );
}

function isPublicMethod(symbol: ts.Symbol): boolean {
  if (!(symbol.flags & ts.SymbolFlags.Method)) return false;
  if (symbol.name.startsWith('#') || symbol.name.startsWith('_')) return false;
  return (symbol.declarations ?? []).every((declaration) => {
    const flags = ts.getCombinedModifierFlags(declaration);
    const fromProject = !declaration.getSourceFile().fileName.includes('node_modules');
    return fromProject && !(flags & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected));
  });
}

/** Collects the API items of the package's entry points. */
export function collectApi(root = process.cwd()): ApiItem[] {
  const program = ts.createProgram(
    Object.values(ENTRIES).map((path) => join(root, path)),
    {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2023,
      allowImportingTsExtensions: true,
      noEmit: true,
      strict: true,
      skipLibCheck: true,
      types: ['node'],
    },
  );
  const checker = program.getTypeChecker();
  const items: ApiItem[] = [];
  const seenClasses = new Set<ts.Symbol>();

  const visitClass = (entry: string, symbol: ts.Symbol, label: string) => {
    if (seenClasses.has(symbol)) return;
    seenClasses.add(symbol);
    const instance = checker.getDeclaredTypeOfSymbol(symbol);
    for (const member of checker.getPropertiesOfType(instance)) {
      if (isPublicMethod(member)) {
        items.push({
          kind: 'method',
          name: `${entry}: ${label}.${member.name}`,
          documented: hasDoc(member, checker),
          example: hasExample(member),
        });
      } else if (member.flags & ts.SymbolFlags.Property && !/^[#_]/.test(member.name)) {
        // A public property holding a resource (`client.jobs`): its class's methods are API.
        const declaration = member.valueDeclaration;
        if (!declaration) continue;
        const type = checker.getTypeOfSymbolAtLocation(member, declaration);
        const resource = type.getSymbol();
        if (resource && resource.flags & ts.SymbolFlags.Class) {
          visitClass(entry, resource, `${label}.${member.name}`);
        }
      }
    }
  };

  for (const [entry, path] of Object.entries(ENTRIES)) {
    const source = program.getSourceFile(join(root, path));
    const module = source && checker.getSymbolAtLocation(source);
    if (!module) throw new Error(`cannot read the exports of ${path}`);
    for (const exported of checker.getExportsOfModule(module)) {
      const symbol =
        exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      if (symbol.flags & ts.SymbolFlags.Function) {
        items.push({
          kind: 'function',
          name: `${entry}: ${exported.name}`,
          documented: hasDoc(symbol, checker),
          example: hasExample(symbol),
        });
      } else if (symbol.flags & ts.SymbolFlags.Class) {
        items.push({
          kind: 'class',
          name: `${entry}: ${exported.name}`,
          documented: hasDoc(symbol, checker),
          example: hasExample(symbol),
        });
        visitClass(entry, symbol, exported.name);
      }
    }
  }
  return items;
}

/** Counts per kind: how many, how many without a doc comment, how many without an example. */
export function summarize(items: ApiItem[]) {
  const kinds = ['function', 'class', 'method'] as const;
  return Object.fromEntries(
    kinds.map((kind) => {
      const of = items.filter((item) => item.kind === kind);
      return [
        kind,
        {
          total: of.length,
          undocumented: of.filter((item) => !item.documented).map((item) => item.name),
          withoutExample: of.filter((item) => !item.example).map((item) => item.name),
        },
      ];
    }),
  ) as Record<
    (typeof kinds)[number],
    { total: number; undocumented: string[]; withoutExample: string[] }
  >;
}

/**
 * What makes the check fail: a doc comment missing anywhere, an example missing on an exported
 * class (every one has an example today: a new class must keep it so), and with
 * `requireExamples` an example missing anywhere. Empty when the API passes.
 */
export function failures(
  summary: ReturnType<typeof summarize>,
  options: { requireExamples?: boolean } = {},
): string[] {
  const groups = Object.values(summary);
  const examplesRequired = options.requireExamples ? groups : [summary.class];
  return [
    ...groups.flatMap((group) => group.undocumented.map((name) => `no doc comment: ${name}`)),
    ...examplesRequired.flatMap((group) =>
      group.withoutExample.map((name) => `no @example: ${name}`),
    ),
  ];
}

function main(): void {
  const summary = summarize(collectApi());
  const failed = failures(summary, {
    requireExamples: process.argv.includes('--require-examples'),
  });
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(summary, null, 2));
  } else {
    for (const [kind, { total, undocumented, withoutExample }] of Object.entries(summary)) {
      const kinds = kind === 'class' ? 'classes' : `${kind}s`;
      console.log(
        `${kinds}: ${total}, without a doc comment: ${undocumented.length}, without @example: ${withoutExample.length}`,
      );
      for (const name of undocumented) console.log(`  no doc      ${name}`);
      for (const name of withoutExample) console.log(`  no example  ${name}`);
    }
  }
  if (failed.length > 0) {
    console.error(
      `\n${failed.length} public API item(s) fail the documentation check:\n  ${failed.join('\n  ')}`,
    );
    process.exitCode = 1;
  }
}

if (import.meta.main) main();
