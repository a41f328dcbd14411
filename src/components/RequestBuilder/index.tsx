import BrowserOnly from '@docusaurus/BrowserOnly';
import Builder from './Builder';
import styles from './styles.module.css';

interface Props {
  /** Method shown first, e.g. `beamline.flow.v1.Router/Decide`. */
  method?: string;
}

function Loading() {
  return (
    <div className={styles.builder} data-testid="request-builder-loading">
      <div className={styles.bar}>
        <span className={styles.title}>Request builder</span>
      </div>
      <p className={styles.loading}>Loading the request builder (it runs in your browser)…</p>
    </div>
  );
}

/**
 * A Buf Studio-like form for the Router's API, generated from the descriptors
 * in src/gen: pick a method, fill its request as a form or as JSON, send it
 * over Connect or gRPC-Web, read the response, headers and trailers.
 */
export default function RequestBuilder(props: Props) {
  return <BrowserOnly fallback={<Loading />}>{() => <Builder {...props} />}</BrowserOnly>;
}
