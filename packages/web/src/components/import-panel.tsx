import { useEffect, useState } from 'react';
import { Alert, Button, Card, Progress, Radio, Space, Table, Typography, Upload } from 'antd';
import { InboxOutlined, DownloadOutlined } from '@ant-design/icons';
import { api, ApiError, downloadUrl } from '../api/client.ts';
import { useJob } from '../api/jobs.ts';

export type RowError = { row: number; field: string; message: string };
type ImportResult = { total: number; imported: number; updated: number; rejectedCount: number; rejected: RowError[] };

/**
 * Upload an Excel/CSV file to an import endpoint that answers {jobId}; show progress, then either
 * "导入 N，更新 M" or the table of rejected rows. Reused by every module's import page.
 */
export function ImportPanel(props: { endpoint: string; templatePath?: string; title: string; extraFields?: Record<string, string>; onDone?: () => void }) {
  const [mode, setMode] = useState<'all' | 'valid-only'>('all');
  const [jobId, setJobId] = useState<number | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const job = useJob<ImportResult>(jobId);
  const j = job.data;
  const rejected: RowError[] = j?.status === 'failed' ? ((j.error?.details as { rejected?: RowError[] })?.rejected ?? []) : (j?.result?.rejected ?? []);

  async function upload(file: File) {
    setUploadError(null); setJobId(null); setBusy(true);
    const form = new FormData();
    form.append('mode', mode);
    for (const [k, v] of Object.entries(props.extraFields ?? {})) form.append(k, v);
    form.append('file', file);
    try {
      const r = await api<{ jobId: number }>(props.endpoint, { method: 'POST', form });
      setJobId(r.jobId);
    } catch (e) {
      setUploadError(e instanceof ApiError ? e.message : '上传失败');
    } finally { setBusy(false); }
  }
  const status = j?.status;
  const { onDone } = props;
  useEffect(() => { if (status === 'succeeded') onDone?.(); }, [status, onDone]);

  return (
    <Card title={props.title}>
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <Space wrap>
          <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)} data-testid="import-mode">
            <Radio value="all">全部有效才导入（推荐）</Radio>
            <Radio value="valid-only">仅导入有效行</Radio>
          </Radio.Group>
          {props.templatePath && <Button icon={<DownloadOutlined />} href={downloadUrl(props.templatePath)}>下载导入模板</Button>}
        </Space>
        <Upload.Dragger accept=".xlsx,.csv" multiple={false} showUploadList={false} disabled={busy || j?.status === 'running'}
          beforeUpload={(f) => { void upload(f); return false; }} data-testid="import-upload">
          <p className="ant-upload-drag-icon"><InboxOutlined /></p>
          <p className="ant-upload-text">点击或拖拽 Excel（.xlsx）或 CSV（UTF-8/GBK）文件到此处</p>
          <p className="ant-upload-hint">逐行校验，报告行号与原因；默认任何一行有误则整个文件不导入，数据库保持不变。</p>
        </Upload.Dragger>
        {uploadError && <Alert type="error" showIcon message={uploadError} />}
        {j && (j.status === 'running' || j.status === 'queued') && (
          <div><Typography.Text>{j.message ?? '处理中…'}</Typography.Text><Progress percent={j.total ? Math.floor((j.progress / j.total) * 100) : 0} status="active" /></div>
        )}
        {j?.status === 'succeeded' && j.result && (
          <Alert type="success" showIcon data-testid="import-result"
            message={`导入完成：共 ${j.result.total} 行，新增 ${j.result.imported}，更新 ${j.result.updated}${j.result.rejectedCount ? `，拒绝 ${j.result.rejectedCount} 行` : ''}`} />
        )}
        {j?.status === 'failed' && <Alert type="error" showIcon message={j.error?.message ?? '导入失败'} data-testid="import-error" />}
        {rejected.length > 0 && (
          <Table<RowError> size="small" rowKey={(r) => `${r.row}-${r.field}-${r.message}`} dataSource={rejected} pagination={{ pageSize: 10 }} data-testid="import-errors"
            columns={[{ title: '行号', dataIndex: 'row', width: 80 }, { title: '字段', dataIndex: 'field', width: 140 }, { title: '原因', dataIndex: 'message' }]} />
        )}
      </Space>
    </Card>
  );
}
