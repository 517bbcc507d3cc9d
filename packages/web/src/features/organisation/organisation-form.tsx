import { Form, Input, Modal, Select, App } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client.ts';
import { ORG_TYPE_LABELS, SIZE_CLASS_LABELS, optionsOf } from '../../lib/labels.ts';

/** Create an organisation (office only). USCC and region are validated by the server (GB 32100 / GB/T 2260). */
export function OrganisationCreateDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm();
  const qc = useQueryClient();
  const { message } = App.useApp();
  async function submit() {
    const v = await form.validateFields();
    try {
      await api('/organisations', { body: Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== '')) });
      message.success('机构已创建');
      await qc.invalidateQueries({ queryKey: ['organisations'] });
      form.resetFields();
      onClose();
    } catch (e) { message.error(e instanceof ApiError ? e.message : '保存失败'); }
  }
  return (
    <Modal title="新增机构" open={open} onOk={() => void submit()} onCancel={onClose} okText="保存" destroyOnHidden>
      <Form form={form} layout="vertical">
        <Form.Item name="name" label="名称" rules={[{ required: true, message: '请输入名称' }]}><Input /></Form.Item>
        <Form.Item name="type" label="类型" rules={[{ required: true, message: '请选择类型' }]}><Select options={optionsOf(ORG_TYPE_LABELS)} /></Form.Item>
        <Form.Item name="sizeClass" label="企业规模（中小微企业划型）"><Select allowClear options={optionsOf(SIZE_CLASS_LABELS)} /></Form.Item>
        <Form.Item name="uscc" label="统一社会信用代码"><Input maxLength={18} /></Form.Item>
        <Form.Item name="regionCode" label="行政区划代码（6 位）"><Input maxLength={6} /></Form.Item>
        <Form.Item name="businessScope" label="经营范围"><Input.TextArea rows={2} /></Form.Item>
      </Form>
    </Modal>
  );
}
