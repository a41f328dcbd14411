import type {SidebarsConfig} from '@docusaurus/plugin-content-docs';

// The guide's six sections, in reading order; each folder holds one section.
const sidebars: SidebarsConfig = {
  guide: [
    {type: 'doc', id: 'architecture/index', label: '1. Architecture overview'},
    {type: 'doc', id: 'quick-start/index', label: '2. Quick start'},
    {
      type: 'category',
      label: '3. HTTP integration via c-gateway',
      items: ['http-gateway/index', 'http-gateway/errors-and-rate-limits', 'http-gateway/clients'],
    },
    {
      type: 'category',
      label: '4. gRPC direct integration',
      items: ['grpc/index', 'grpc/generated-clients', 'grpc/deadlines-metadata-errors', 'grpc/streaming'],
    },
    {
      type: 'category',
      label: '5. Resilience patterns',
      link: {type: 'doc', id: 'resilience/index'},
      items: [
        'resilience/retry-backoff',
        'resilience/many-clients',
        'resilience/retry-budgets',
        'resilience/circuit-breaker',
        'resilience/rate-limiting',
        'resilience/backpressure',
        'resilience/timeouts-deadlines',
        'resilience/hedging',
        'resilience/idempotency',
        'resilience/fallbacks',
      ],
    },
    {
      type: 'category',
      label: '6. Production deployment',
      link: {type: 'doc', id: 'production/index'},
      items: ['production/monitoring', 'production/nats', 'production/troubleshooting'],
    },
    {
      type: 'category',
      label: 'Workshop',
      link: {type: 'doc', id: 'workshop/index'},
      items: ['workshop/exercises', 'workshop/facilitator-page'],
    },
  ],
};

export default sidebars;
