import {lazy, Suspense} from 'react';
import BrowserOnly from '@docusaurus/BrowserOnly';
import Layout from '@theme/Layout';

// The page, the charts and the controls load only here, never with the guide.
const Facilitator = lazy(() => import('@site/src/components/Facilitator'));

/** `/facilitator?key=…[&room=abc]`: the URL the server prints at start. */
export default function FacilitatorPage() {
  return (
    <Layout title="Workshop facilitator" description="Switch the workshop room's scenario and watch it live." noFooter>
      <main className="container container--fluid margin-vert--lg">
        <BrowserOnly fallback={<p>Loading the facilitator page…</p>}>
          {() => (
            <Suspense fallback={<p>Loading the facilitator page…</p>}>
              <Facilitator />
            </Suspense>
          )}
        </BrowserOnly>
      </main>
    </Layout>
  );
}
