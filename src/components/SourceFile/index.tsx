import CodeBlock from '@theme/CodeBlock';
import styles from './styles.module.css';

export interface SourceFileProps {
  /** The file's text: `import code from '!!raw-loader!@site/examples/…'`. */
  code: string;
  /** Its path in the repository, shown as the block's title. */
  path: string;
  /** Prism language; guessed from the file name when omitted. */
  language?: string;
  /** How to run it, shown under the code (for example `python3 http_client.py`). */
  run?: string;
  /** Lines to highlight, in CodeBlock's syntax (`{3-5,9}`). */
  highlight?: string;
  showLineNumbers?: boolean;
  /** Cap the block's height (it scrolls) for long files shown for reference. */
  scroll?: boolean;
}

const byExtension: Record<string, string> = {
  py: 'python',
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  ts: 'typescript',
  go: 'go',
  sh: 'bash',
  proto: 'protobuf',
  json: 'json',
  yaml: 'yaml',
  yml: 'yaml',
  md: 'markdown',
  mod: 'go',
  txt: 'text',
};

export function languageOf(path: string): string {
  const extension = path.split('.').pop()?.toLowerCase() ?? '';
  return byExtension[extension] ?? 'text';
}

/**
 * A file of this repository shown verbatim, titled with its path. The guide
 * never copies example code into a page: it imports the file the tests run.
 */
export default function SourceFile({
  code,
  path,
  language,
  run,
  highlight,
  showLineNumbers = true,
  scroll = false,
}: SourceFileProps) {
  const metastring = highlight ? `${highlight}` : undefined;
  return (
    <figure
      className={scroll ? `${styles.file} ${styles.scroll}` : styles.file}
      data-testid="source-file"
      data-path={path}
    >
      <CodeBlock
        language={language ?? languageOf(path)}
        title={path}
        metastring={metastring}
        showLineNumbers={showLineNumbers}
      >
        {code.replace(/\n$/, '')}
      </CodeBlock>
      {run && (
        <figcaption className={styles.run}>
          Run it: <code>{run}</code>
        </figcaption>
      )}
    </figure>
  );
}
