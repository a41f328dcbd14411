import {useDoc} from '@docusaurus/plugin-content-docs/client';
import styles from './styles.module.css';

interface ReadingFrontMatter {
  /** Minutes this page takes to read and try, as planned for it. */
  reading_time?: number;
  /** Minutes the whole section takes, on a section's first page. */
  section_reading_time?: number;
}

/**
 * "5 min read" with a clock under a page's title, from its front matter, so the estimate
 * sits beside the text it estimates and a test can check it.
 */
export default function ReadingTime() {
  const {frontMatter} = useDoc();
  const {reading_time: page, section_reading_time: section} = frontMatter as ReadingFrontMatter;
  if (!page) return null;
  return (
    <p className={styles.readingTime} data-testid="reading-time" data-minutes={page}>
      <svg className={styles.icon} viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
        <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
        <path d="M8 4.5V8l2.5 1.5" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
      </svg>
      {page} min read
      {section && section !== page && <span className={styles.section}> · whole section about {section} min</span>}
    </p>
  );
}
