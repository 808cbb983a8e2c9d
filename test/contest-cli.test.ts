import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT } from './proc.js';

/** Run `chuanyu contest compute` with `stdin` piped in; collect stdout, stderr and the exit code. */
function compute(stdin: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'contest', 'compute'], {
      cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' }, stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

// The input of issue 6 §4, verbatim.
const EXAMPLE = {
  rules: { writtenWeight: 0.3, judgementDropHighLowFrom: 5, team: { method: 'mean-best', n: 6 }, itemAwards: 3, tieBreak: ['practical', 'written', 'time'] },
  items: [{ id: 'A1', name: '冷缩电缆终端制作', aspects: [{ id: 'A1.1', type: 'measurement', max: 5 }, { id: 'A1.2', type: 'judgement', max: 3 }, { id: 'A1.3', type: 'deduction', max: 10 }] }],
  contestants: [{ id: 'c1', team: '广安1队', written: 86.5, timeSeconds: { A1: 5400 }, marks: { 'A1.1': [5], 'A1.2': [2, 3, 2], 'A1.3': [-2, -0.5] } }],
};

describe('chuanyu contest compute', () => {
  it('computes the §4 example into the documented results JSON', async () => {
    const { code, stdout, stderr } = await compute(JSON.stringify(EXAMPLE));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const results = JSON.parse(stdout);
    expect(results.individuals).toEqual([expect.objectContaining({ rank: 1, contestantId: 'c1', team: '广安1队', written: 86.5, practical: 82.39, total: 83.62 })]);
    expect(results.teams).toEqual([expect.objectContaining({ rank: 1, team: '广安1队', score: 83.62 })]);
    expect(results.items).toEqual([{ itemId: 'A1', ranking: [expect.objectContaining({ rank: 1, contestantId: 'c1', score: 14.83 })], awarded: ['c1'] }]);
  });

  it('a missing mark: exit 1, a zh-CN and English message naming contestant and aspect, nothing on stdout', async () => {
    const input = structuredClone(EXAMPLE);
    delete (input.contestants[0]!.marks as Record<string, number[]>)['A1.2'];
    const { code, stdout, stderr } = await compute(JSON.stringify(input));
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('缺少评分：选手 c1 评分项 A1.2');
    expect(stderr).toContain('a mark is missing: contestant c1, aspect A1.2');
  });

  it('bad JSON: exit 1 with a clear message', async () => {
    const { code, stdout, stderr } = await compute('{ "rules": ');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('输入不是有效的 JSON / the input is not valid JSON');
  });
});
