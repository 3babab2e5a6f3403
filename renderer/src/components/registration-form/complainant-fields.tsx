import { DeleteOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, Row, Select } from 'antd';
import { GENDER_LABELS, GENDERS } from '../../api/core';
import { t } from '../../i18n/zh-CN';

// '' = 不详. No allowClear: in antd 6 its clear button is an extra Tab stop in a keyboard-first form.
const genderOptions = [...GENDERS.map((g) => ({ value: g as string, label: GENDER_LABELS[g] })), { value: '', label: t.form.genderUnknown }];
const item = { style: { marginBottom: 8 } };

/**
 * One complainant's identity: names under `complainants.<n>.*`, as the contract names them. `disabled`
 * when the user sees it masked: they may not change it (the core refuses), so it is shown, not edited.
 */
export function ComplainantFields({ name, index, count, onRemove, disabled }: { name: number; index: number; count: number; onRemove(): void; disabled?: boolean }) {
  const label = (text: string) => (count > 1 ? `${text}（${index + 1}）` : text);
  return (
    <div className="complainant-block" data-testid={`complainant-${index}`}>
      <Row gutter={12}>
        <Col span={5}>
          <Form.Item name={[name, 'name']} label={label(t.form.name)} {...item}>
            <Input maxLength={50} disabled={disabled} />
          </Form.Item>
        </Col>
        <Col span={3}>
          <Form.Item name={[name, 'gender']} label={t.form.gender} {...item}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={genderOptions} placeholder={t.form.genderUnknown} disabled={disabled} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name={[name, 'phone']} label={t.form.phone} {...item}>
            <Input maxLength={30} inputMode="tel" disabled={disabled} />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item name={[name, 'idNumber']} label={t.form.idNumber} {...item}>
            <Input maxLength={18} disabled={disabled} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name={[name, 'address']} label={t.form.address} {...item}>
            <Input maxLength={200} disabled={disabled} />
          </Form.Item>
        </Col>
        <Col span={count > 1 ? 10 : 12}>
          <Form.Item name={[name, 'employer']} label={t.form.employer} {...item}>
            <Input maxLength={100} disabled={disabled} />
          </Form.Item>
        </Col>
        {count > 1 && !disabled && (
          <Col span={2}>
            <Form.Item label=" " {...item}>
              <Button danger type="text" icon={<DeleteOutlined />} onClick={onRemove} tabIndex={-1} aria-label={t.form.removeComplainant(index + 1)} />
            </Form.Item>
          </Col>
        )}
      </Row>
    </div>
  );
}
