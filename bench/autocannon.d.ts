// The part of autocannon's programmatic API the benchmark uses (the package ships no types).
declare module "autocannon" {
  function autocannon(opts: autocannon.Options): Promise<autocannon.Result>;
  namespace autocannon {
    interface Histogram {
      average: number;
      mean: number;
      p50: number;
      p97_5: number;
      p99: number;
      max: number;
    }
    interface Options {
      url: string;
      connections?: number;
      duration?: number;
      method?: string;
      headers?: Record<string, string>;
      body?: string;
      timeout?: number;
    }
    interface Result {
      requests: Histogram & { total: number };
      latency: Histogram;
      duration: number;
      errors: number;
      timeouts: number;
      non2xx: number;
      "2xx": number;
    }
  }
  export = autocannon;
}
