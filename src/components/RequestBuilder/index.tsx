import {Suspense, lazy, useRef} from 'react';
import BrowserOnly from '@docusaurus/BrowserOnly';
import {useNearViewport} from '@site/src/components/useNearViewport';
import styles from './styles.module.css';

interface Props {
  /** Method shown first, e.g. `beamline.flow.v1.Router/Decide`. */
  method?: string;
}

// Protobuf descriptors, Connect and the form: fetched when the builder nears the viewport.
const Builder = lazy(() => import('./Builder'));

/** Holds the builder's place (its usual height) until its code has loaded. */
function Loading() {
  return (
    <div className={`${styles.builder} ${styles.pending}`} data-testid="request-builder-loading">
      <div className={styles.bar}>
        <span className={styles.title}>Request builder</span>
      </div>
      <p className={styles.loading}>Loading the request builder (it runs in your browser)…</p>
    </div>
  );
}

/**
 * A Buf Studio-like form for the Router's API, generated from the descriptors
 * in packages/api/src: pick a method, fill its request as a form or as JSON, send it
 * over Connect or gRPC-Web, read the response, headers and trailers.
 */
export default function RequestBuilder(props: Props) {
  const box = useRef<HTMLDivElement>(null);
  const near = useNearViewport(box);
  return (
    <div ref={box} data-testid="request-builder-box">
      <BrowserOnly fallback={<Loading />}>
        {() =>
          near ? (
            <Suspense fallback={<Loading />}>
              <Builder {...props} />
            </Suspense>
          ) : (
            <Loading />
          )
        }
      </BrowserOnly>
    </div>
  );
}
