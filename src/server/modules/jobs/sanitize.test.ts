import { describe, expect, it } from 'vitest';
import { sanitizeDescription, textToHtml } from './sanitize.js';

describe('sanitizeDescription', () => {
  it.each([
    ['<p>岗位职责</p><script>alert(1)</script>', '<p>岗位职责</p>'],
    ['<img src=x onerror="alert(1)"><p>包吃住</p>', '<p>包吃住</p>'],
    ['<p onclick="x()" style="color:red">五险一金</p>', '<p>五险一金</p>'],
    ['<a href="javascript:alert(1)">点我</a>', '<a rel="noopener noreferrer nofollow" target="_blank">点我</a>'],
    ['<iframe src="https://evil"></iframe><ul><li>电工证</li></ul>', '<ul><li>电工证</li></ul>'],
    ['<strong>月薪</strong> 6000', '<strong>月薪</strong> 6000'],
  ])('%s', (input, output) => expect(sanitizeDescription(input)).toBe(output));

  it('keeps safe links', () => {
    expect(sanitizeDescription('<a href="https://www.example.com/job">详情</a>')).toBe(
      '<a href="https://www.example.com/job" rel="noopener noreferrer nofollow" target="_blank">详情</a>',
    );
  });

  it('turns spreadsheet text into escaped paragraphs', () => {
    expect(textToHtml('负责配电线路维护\n持证上岗 <高压>')).toBe('<p>负责配电线路维护</p><p>持证上岗 &lt;高压&gt;</p>');
  });
});
