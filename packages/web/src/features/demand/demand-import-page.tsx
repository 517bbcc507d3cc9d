import { Card, Typography } from 'antd';
import { ImportPanel } from '../../components/import-panel.tsx';

export function DemandImportPage() {
  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0 }}>导入需求清单</Typography.Title>}>
      <Typography.Paragraph>支持 .xlsx / .csv（UTF-8 或 GBK）/ .jsonl。列：需求名称、需求单位、所属领域、需求描述、技术指标、待解决问题、现有基础、合作方式、预算（如“50-100万元”“面议”）、所在地区、有效期。每行都会校验，错误按行号列出。</Typography.Paragraph>
      <ImportPanel endpoint="/imports/demands" title="需求清单" />
    </Card>
  );
}
