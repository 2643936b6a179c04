// The import graph of the project's own sources (src/ and web/src/), read with the TypeScript
// compiler's parser so that every form of import counts: `import … from`, `export … from`,
// side-effect imports, `import('…')` in types, dynamic `import()`. Each edge says whether it
// exists only for the type checker (`import type`, `import { type X }`, `import('…')` types),
// since such an edge is erased from the JavaScript and cannot make a cycle at run time.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** One module's import of another of ours; `typeOnly` when erased at compile time. */
export interface ImportEdge {
  target: string;
  typeOnly: boolean;
}

/** Every module of ours, by its path from the repository's root, with its imports of modules of ours. */
export type ImportGraph = Map<string, ImportEdge[]>;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return walk(path);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The module a relative specifier names, or null for a package or an asset the bundler loads. */
function resolveSpecifier(root: string, from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = resolve(root, dirname(from), specifier);
  if (/\.(css|svg|png|json)$/.test(specifier)) return null;
  const stem = base.replace(/\.(js|jsx|ts|tsx)$/, '');
  for (const candidate of [`${stem}.ts`, `${stem}.tsx`, join(base, 'index.ts')]) {
    if (existsSync(candidate)) return relative(root, candidate);
  }
  throw new Error(`${from}: cannot resolve "${specifier}"`);
}

function importsOf(file: string, text: string): { specifier: string; typeOnly: boolean }[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: { specifier: string; typeOnly: boolean }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : null;
      const typeOnly = clause !== undefined && (clause.isTypeOnly || (!clause.name && named !== null && named.length > 0 && named.every((e) => e.isTypeOnly)));
      found.push({ specifier: node.moduleSpecifier.text, typeOnly });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const named = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : null;
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly || (named !== null && named.length > 0 && named.every((e) => e.isTypeOnly)) });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push({ specifier: node.argument.literal.text, typeOnly: true });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      found.push({ specifier: node.arguments[0].text, typeOnly: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Reads every module under `dirs` (relative to `root`) and the modules of ours each imports. */
export function importGraph(root: string, dirs: string[]): ImportGraph {
  const graph: ImportGraph = new Map();
  for (const dir of dirs) {
    for (const file of walk(join(root, dir))) {
      const from = relative(root, file);
      const edges = new Map<string, boolean>();
      for (const { specifier, typeOnly } of importsOf(from, readFileSync(file, 'utf8'))) {
        const target = resolveSpecifier(root, from, specifier);
        if (target !== null) edges.set(target, (edges.get(target) ?? true) && typeOnly);
      }
      graph.set(from, [...edges].map(([target, typeOnly]) => ({ target, typeOnly })));
    }
  }
  return graph;
}

/**
 * The cycles of the graph (Tarjan's strongly connected components of more than one module, or
 * a module importing itself), each as its sorted modules; `runtime` keeps only the edges that
 * survive compilation.
 */
export function cycles(graph: ImportGraph, options: { runtime: boolean }): string[][] {
  const next = (v: string) => (graph.get(v) ?? []).filter((e) => !options.runtime || !e.typeOnly).map((e) => e.target);
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const connect = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of next(v)) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || next(v).includes(v)) components.push(component.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) connect(v);
  return components;
}
