import { Card, Typography } from 'antd';
import { ImportPanel } from '../../components/import-panel.tsx';

export function DealImportPage() {
  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0 }}>导入历史交易</Typography.Title>}>
      <Typography.Paragraph type="secondary">
        用于载入基准年及以前年度的转让、许可、作价入股交易。请使用模板（中文表头）；所有行校验通过才会写入，否则列出每行的错误且不作任何更改。
        专利须已在专利库中；当事方与平台机构同名时自动关联。命令行：<Typography.Text code>npx zhuanhua import deals 文件.xlsx</Typography.Text>
      </Typography.Paragraph>
      <ImportPanel endpoint="/imports/deals" templatePath="/imports/deals/template" title="上传交易文件（.xlsx / .csv）" />
    </Card>
  );
}
