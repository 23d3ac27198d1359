import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import zhCN from '@/locales/zh-CN.json';
import en from '@/locales/en.json';
import { APPLICATION_STATES, BOUND_BY, type Computed } from '@/api/applications';
import {
  boundByText,
  countdown,
  nextStepText,
  problemWords,
  sectionName,
  stateName,
  stepOfField,
} from './text';

type Tree = { [key: string]: string | Tree };

// A tiny stand-in for vue-i18n's t: looks the key up and fills {placeholders}.
function translator(catalogue: Tree) {
  return (key: string, named: Record<string, unknown> = {}): string => {
    let node: string | Tree | undefined = catalogue;
    for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
    if (typeof node !== 'string') return key;
    return node.replace(/\{(\w+)\}/g, (_m, name: string) => String(named[name] ?? `{${name}}`));
  };
}
const zh = translator(zhCN as unknown as Tree);
const english = translator(en as unknown as Tree);

// vitest runs in web/; the domain sources are in the repository's src/.
const domainFile = (name: string) =>
  readFileSync(resolve(process.cwd(), '..', 'src/domain', name), 'utf8');

describe('state names', () => {
  it('list exactly the states of domain/workflow.cpp', () => {
    const source = domainFile('workflow.cpp');
    const block = /kStateNames\[\] = \{([^}]*)\}/.exec(source)?.[1] ?? '';
    const states = [...block.matchAll(/"(\w+)"/g)].map((m) => m[1]);
    expect(states.length).toBeGreaterThan(10);
    expect([...APPLICATION_STATES].sort()).toEqual([...states].sort());
  });

  it('have a Chinese and an English name for every state', () => {
    for (const state of APPLICATION_STATES) {
      expect(stateName(state, zh), state).not.toContain('applications.');
      expect(stateName(state, english), state).not.toContain('applications.');
    }
    expect(stateName('submitted', zh)).toBe('已提交');
    expect(stateName('draft', zh)).toBe('草稿');
  });
});

describe('the binding rule in words', () => {
  const base: Computed = {
    eligible_investment_fen: 300000000,
    max_subsidy_fen: 100000000,
    bound_by: 'requested',
    rate_bp: 5000,
    cap_fen: 100000000,
    cluster: { members_total_fen: 0, total_fen: 0, cap_fen: 500000000, scaled: true },
  };

  it('covers every BoundBy of domain/subsidy.hpp', () => {
    const source = domainFile('subsidy.hpp');
    const values = /enum class BoundBy \{([^}]*)\}/.exec(source)?.[1] ?? '';
    expect([...BOUND_BY].sort()).toEqual(
      values
        .split(',')
        .map((v) => v.trim())
        .sort(),
    );
  });

  it('says which rule bound the subsidy', () => {
    const text = (bound_by: string, extra: Partial<Computed> = {}) =>
      boundByText({ ...base, bound_by, ...extra }, zh, 'zh-CN');
    expect(text('project_cap')).toBe('受单个项目上限（100万元）约束');
    expect(text('rate')).toBe('按投入的 50% 计算');
    expect(text('rate', { rate_bp: 8000 })).toBe('按投入的 80% 计算');
    expect(text('requested')).toBe('按申请金额');
    expect(text('enterprise_cap', { cap_fen: 60000000 })).toBe('受单个企业上限（60万元）约束');
    expect(text('cluster_cap')).toBe('受单个集群上限（500万元）约束');
    expect(text('not_eligible', { ineligible: 'not_sme' })).toBe('不符合资助条件：不属于中小企业');
    expect(text('not_eligible', { explanation_zh: '培训人数不足 500 人' })).toBe(
      '不符合资助条件：培训人数不足 500 人',
    );
    for (const bound of BOUND_BY) {
      expect(boundByText({ ...base, bound_by: bound }, english, 'en'), bound).not.toContain(
        'applications.',
      );
    }
  });
});

describe('stepOfField', () => {
  it('maps a problem to the step where its field is entered', () => {
    expect(stepOfField('form.project_name')).toBe(0);
    expect(stepOfField('form.targets')).toBe(0);
    expect(stepOfField('form.targets[1].unit')).toBe(0);
    expect(stepOfField('form.contact.phone')).toBe(0);
    expect(stepOfField('form.requested_fen')).toBe(0);
    expect(stepOfField('form.cluster.members[0].credit_code')).toBe(0);
    expect(stepOfField('form.training_events')).toBe(0);
    expect(stepOfField('form.investment_lines')).toBe(1);
    expect(stepOfField('form.investment_lines[2].invoice.number')).toBe(1);
    expect(stepOfField('form.declarations[3].declared')).toBe(2);
    expect(stepOfField('materials.application_form')).toBe(3);
    expect(stepOfField('materials')).toBe(3);
    expect(stepOfField('finalized')).toBe(4);
  });
});

describe('problemWords', () => {
  const te = (key: string) => zh(key) !== key;
  it('uses the server message, else the rule in words with the section and row', () => {
    expect(
      problemWords({ field: 'form.targets', rule: 'required', message: '请填写' }, zh, te),
    ).toBe('请填写');
    expect(problemWords({ field: 'form.targets', rule: 'targets_required' }, zh, te)).toBe(
      '绩效目标：请至少填写一项绩效目标',
    );
    expect(
      problemWords(
        { field: 'form.investment_lines[1].invoice.number', rule: 'invoice_number_digits' },
        zh,
        te,
      ),
    ).toBe('投资明细与发票第 2 行：增值税发票号码为 8 位数字');
    expect(
      problemWords(
        { field: 'form.declarations.sound_finance', rule: 'declaration_required' },
        zh,
        te,
      ),
    ).toBe('申报条件声明：请确认该申报条件');
    expect(stepOfField('form.declarations.sound_finance')).toBe(2);
    expect(problemWords({ field: 'form.summary', rule: 'brand_new_rule' }, zh, te)).toBe(
      '建设内容与目标：brand_new_rule',
    );
  });
});

describe('other words', () => {
  it('name the next step and the changed sections', () => {
    expect(nextStepText('upload_sealed_scan', 'draft', zh)).toBe('打印申报书、盖章后上传扫描件');
    expect(nextStepText(undefined, 'submitted', zh)).toBe('等待县区审核推荐');
    expect(nextStepText('something_new', 'draft', zh)).toBe('填写申报内容');
    expect(sectionName('investment_lines', zh)).toBe('投资明细与发票');
    expect(sectionName('form.targets[0]', zh)).toBe('绩效目标');
    expect(sectionName('unknown_part', zh)).toBe('unknown_part');
  });

  it('counts down to a deadline', () => {
    const now = Date.parse('2026-11-27T00:00:00Z');
    expect(countdown('2026-11-28T01:30:00Z', now)).toEqual({ days: 1, hours: 1, minutes: 30 });
    expect(countdown('2026-11-26T00:00:00Z', now)).toBeNull();
  });
});
