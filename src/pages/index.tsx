import type React from 'react';
import Link from '@docusaurus/Link';
import Layout from '@theme/Layout';
import Heading from '@theme/Heading';
import styles from './index.module.css';

const sections = [
  {
    to: '/guide/architecture',
    title: '1. Architecture overview',
    text: 'c-gateway, NATS and the Router: how a decision is made.',
  },
  {
    to: '/guide/quick-start',
    title: '2. Quick start',
    text: 'Start everything with one command and get a first decision.',
  },
  {to: '/guide/http-gateway', title: '3. HTTP integration', text: 'Call the Router over HTTP through c-gateway.'},
  {to: '/guide/grpc', title: '4. gRPC direct integration', text: 'Generated clients, deadlines and metadata.'},
  {
    to: '/guide/resilience',
    title: '5. Resilience patterns',
    text: 'Retries, breakers, limiters — run them against a failing Router.',
  },
  {to: '/guide/production', title: '6. Production deployment', text: 'Configuration, monitoring and scaling out.'},
];

export default function Home(): React.ReactElement {
  return (
    <Layout description="Learn to call the Beamline Router well, with snippets you run in the page.">
      <header className={styles.hero}>
        <div className="container">
          <Heading as="h1">Beamline Integration Guide</Heading>
          <p className={styles.tagline}>
            Call the Beamline Router well: retries with backoff and jitter, circuit breakers, rate limiters and
            deadlines — edit the code, run it against a Router that fails on purpose, and watch every attempt on a live
            chart.
          </p>
          <div className={styles.actions}>
            <Link className="button button--primary button--lg" to="/guide/architecture">
              Start the guide
            </Link>
            <Link className="button button--secondary button--lg" to="/guide/resilience/retry-backoff">
              Try the retry playground
            </Link>
          </div>
        </div>
      </header>
      <main className="container margin-vert--lg">
        <div className={styles.grid}>
          {sections.map((section) => (
            <Link key={section.to} to={section.to} className={styles.card}>
              <Heading as="h2" className={styles.cardTitle}>
                {section.title}
              </Heading>
              <p>{section.text}</p>
            </Link>
          ))}
        </div>
      </main>
    </Layout>
  );
}
