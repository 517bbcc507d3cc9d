import { Alert, Card, Col, Descriptions, List, Progress, Row, Space, Table, Tag, Typography } from 'antd';
import { CheckCircleTwoTone, CloseCircleTwoTone } from '@ant-design/icons';
import { LEGAL_STATUS_LABELS, PATENT_TYPE_LABELS } from '../../lib/labels.ts';
import { GeneratedTag } from '../../components/generated-tag.tsx';
import { GRADE_COLORS, yuan, type Explain, type Flag, type Part } from './inventory-api.ts';

const ok = (b: boolean) => (b ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <CloseCircleTwoTone twoToneColor="#bfbfbf" />);

function Flags({ flags }: { flags: Flag[] }) {
  return <List size="small" dataSource={flags} renderItem={(f) => <List.Item><Space align="start">{ok(f.met)}<b>{f.label}</b><Typography.Text type="secondary">{f.evidence}</Typography.Text></Space></List.Item>} />;
}

/** Why a patent is (not) sleeping, its grade with parts, classes, high-value flags and fees. */
export function ExplainView({ e }: { e: Explain }) {
  const p = e.patent;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Descriptions size="small" bordered column={3} title={<Space>{p.title}<GeneratedTag fields={p.generatedFields} source={p.source} /></Space>}>
        <Descriptions.Item label="申请号">{p.applicationNumber}</Descriptions.Item>
        <Descriptions.Item label="类型">{PATENT_TYPE_LABELS[p.type as keyof typeof PATENT_TYPE_LABELS]}</Descriptions.Item>
        <Descriptions.Item label={`法律状态（${e.asOf}）`}>{LEGAL_STATUS_LABELS[p.statusAsOf as keyof typeof LEGAL_STATUS_LABELS]}</Descriptions.Item>
        <Descriptions.Item label="申请日">{p.filingDate}</Descriptions.Item>
        <Descriptions.Item label="授权日">{p.grantDate}</Descriptions.Item>
        <Descriptions.Item label="权利人">{p.holders.map((h) => h.name).join('；')}</Descriptions.Item>
      </Descriptions>
      <Card size="small" title={<Space>沉睡判定（基准日 {e.asOf}）{e.sleeping.sleeping ? <Tag color="purple" data-testid="sleeping-tag">沉睡专利</Tag> : <Tag data-testid="sleeping-tag">非沉睡专利</Tag>}{e.run && <Tag>{e.run.batchNo}{e.run.inPool ? ' 入库' : ' 未入库'}</Tag>}</Space>}>
        <List size="small" data-testid="sleeping-checks" dataSource={e.sleeping.checks}
          renderItem={(c) => <List.Item><Space align="start">{ok(c.passed)}<b>{c.label}</b><span>{c.detail}</span></Space></List.Item>} />
        {e.mark && <Alert type="info" showIcon message={`权利人标记：${e.mark.kind === 'used' ? '已实施' : '有正当理由'} —— ${e.mark.reason}（${e.mark.markedBy ?? ''}，${new Date(e.mark.markedAt).toLocaleString('zh-CN')}）`} />}
      </Card>
      <Card size="small" data-testid="grade-card"
        title={<Space>分级 <Tag color={GRADE_COLORS[e.grade.grade]} style={{ fontSize: 16 }} data-testid="grade-tag">{e.grade.grade}</Tag>{e.grade.gradeLabel}<Typography.Text type="secondary">总分 {e.grade.total}（{e.grade.modelName}）</Typography.Text></Space>}>
        <List size="small" dataSource={e.grade.explanation} renderItem={(t) => <List.Item data-testid="grade-why">{t}</List.Item>} />
        <Row gutter={16}>
          {e.grade.dimensions.map((d) => (
            <Col xs={24} md={8} key={d.key}>
              <Card size="small" type="inner" title={`${d.label}（权重 ${d.weight}%）`} extra={<b>{d.score}</b>}>
                <Table<Part> size="small" rowKey="key" pagination={false} dataSource={d.parts}
                  columns={[
                    { title: '指标', dataIndex: 'label' },
                    { title: '数据', dataIndex: 'value', render: (v: string, r) => (r.missing ? <Typography.Text type="warning">{v}</Typography.Text> : v) },
                    { title: '权重', dataIndex: 'weight', width: 56, render: (w: number) => `${w}%` },
                    { title: '得分', dataIndex: 'score', width: 90, render: (s: number) => <Progress percent={s} size="small" format={(x) => x} /> },
                  ]} />
              </Card>
            </Col>
          ))}
        </Row>
      </Card>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Card size="small" title="分类">
            <Descriptions size="small" column={1}>
              <Descriptions.Item label="技术领域">{e.classification.techField ? `${e.classification.techField.section} ${e.classification.techField.sectionName}${e.classification.techField.ipcClass ? ` / ${e.classification.techField.ipcClass} ${e.classification.techField.className ?? ''}` : ''}` : '—'}</Descriptions.Item>
              <Descriptions.Item label="战略性新兴产业（2021 参照关系表）">
                {e.classification.sei.length ? e.classification.sei.map((s) => <Tag key={s.seiCode}>{s.seiCode} {s.seiName}（{s.byIpc}）</Tag>) : '不属于'}
              </Descriptions.Item>
              <Descriptions.Item label={<span>国民经济行业 <Tag color="orange">近似对照（人工整理）</Tag></span>}>
                {e.classification.industries.length ? e.classification.industries.map((i) => <Tag key={i.industryCode}>{i.industryCode} {i.industryName}（{i.byIpcClass}）</Tag>) : '—'}
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card size="small" title={<Space>高价值发明专利（国家知识产权局五类）{e.highValue.isHighValue ? <Tag color="red">高价值</Tag> : <Tag>否</Tag>}</Space>}>
            <Flags flags={e.highValue.flags} />
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card size="small" title="许昌市高价值专利支持条件">
            <Flags flags={e.xuchang} />
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card size="small" title="年费与维持">
            {e.fees ? (
              <Descriptions size="small" column={1}>
                <Descriptions.Item label="专利年度 / 维持年限">第 {e.fees.patentYear} 年 / {e.fees.maintenanceYears} 年</Descriptions.Item>
                <Descriptions.Item label="保护期至">{e.fees.lastProtectedDay}</Descriptions.Item>
                <Descriptions.Item label="下一笔年费">{e.fees.next ? `第 ${e.fees.next.year} 年度，${e.fees.next.dueDate} 前，全额 ${yuan(e.fees.next.fullFen)} 元，${e.fees.next.reduction.label}，应缴 ${yuan(e.fees.next.payableFen)} 元` : '—'}</Descriptions.Item>
                <Descriptions.Item label="失效风险">{e.fees.riskLabel}</Descriptions.Item>
                <Descriptions.Item label="说明">{e.fees.explanation.join('；')}</Descriptions.Item>
              </Descriptions>
            ) : '无申请日，无法计算'}
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
