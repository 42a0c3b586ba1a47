// Parses a Prometheus text-format (0.0.4) scrape from stdin with an independent parser
// (parse-prometheus-text-format) and prints each family's name, type and sample count as JSON.
// A scrape the parser rejects makes it throw: the script then exits non-zero with the parser's message.
import parse from 'parse-prometheus-text-format';

let text = '';
process.stdin.setEncoding('utf8');
for await (const chunk of process.stdin) {
  text += chunk;
}

const families = parse(text).map((family) => ({
  name: family.name,
  type: family.type,
  samples: family.metrics.length,
  buckets: family.type === 'HISTOGRAM' ? Object.keys(family.metrics[0]?.buckets ?? {}).length : 0,
}));
process.stdout.write(JSON.stringify(families));
