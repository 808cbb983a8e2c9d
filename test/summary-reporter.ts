import type { Reporter, TestModule } from 'vitest/node';

/** One closing line over all three projects: what `npm test` promises (issue 2 §9). */
export default class SummaryReporter implements Reporter {
  private started = Date.now();

  onTestRunStart(): void {
    this.started = Date.now();
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    const perProject = new Map<string, { passed: number; failed: number; skipped: number }>();
    for (const module of testModules) {
      const name = module.project.name || 'default';
      const counts = perProject.get(name) ?? { passed: 0, failed: 0, skipped: 0 };
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') counts.passed++;
        else if (state === 'failed') counts.failed++;
        else counts.skipped++;
      }
      if (module.state() === 'failed' && ![...module.children.allTests()].some((t) => t.result().state === 'failed')) counts.failed++;
      perProject.set(name, counts);
    }
    const total = { passed: 0, failed: 0, skipped: 0 };
    const parts: string[] = [];
    for (const [name, c] of [...perProject].sort()) {
      total.passed += c.passed;
      total.failed += c.failed;
      total.skipped += c.skipped;
      parts.push(`${name} ${c.passed}/${c.passed + c.failed}`);
    }
    const seconds = ((Date.now() - this.started) / 1000).toFixed(1);
    const ok = total.failed === 0 && unhandledErrors.length === 0;
    process.stdout.write(
      `\nchuanyu tests ${ok ? 'PASSED' : 'FAILED'}: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped` +
        `${unhandledErrors.length ? `, ${unhandledErrors.length} unhandled errors` : ''} in ${seconds} s (${parts.join(', ')})\n`,
    );
  }
}
