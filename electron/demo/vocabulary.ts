import type { Rng } from './random';

/**
 * People, places and departments for the demo register: a county office that runs a service hall
 * (政务服务中心), the county hospital's outpatient side, the county library and a housing estate's
 * property office. All names are invented; phone numbers and ID numbers are well-formed but random.
 */

// Common surnames, roughly by frequency (the first ones are drawn more often).
export const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗',
  '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '肖', '田', '董', '袁', '潘', '于', '蒋', '蔡',
  '余', '杜', '叶', '程', '苏', '魏', '吕', '丁', '任', '沈', '姚', '卢', '姜', '崔', '钟', '谭', '陆', '汪', '范', '金',
  '石', '廖', '贾', '夏', '韦', '付', '方', '白', '邹', '孟', '熊', '秦', '邱', '江', '尹', '薛', '闫', '段', '雷', '侯',
  '欧阳', '司马', '诸葛',
] as const;

const GIVEN_MALE = [
  '伟', '强', '磊', '军', '勇', '杰', '涛', '明', '超', '刚', '平', '辉', '鹏', '华', '飞', '斌', '宇', '浩', '凯', '健',
  '俊', '帆', '建国', '建华', '志强', '志明', '海涛', '国庆', '永刚', '文博', '子豪', '宇轩', '浩然', '振华', '德胜', '立新',
  '春生', '金龙', '晓东', '家豪', '天佑', '一鸣', '思远', '明轩', '卫东', '红军', '保国', '长青',
] as const;
const GIVEN_FEMALE = [
  '芳', '娜', '敏', '静', '丽', '艳', '娟', '霞', '燕', '玲', '婷', '雪', '琳', '洁', '颖', '倩', '慧', '萍', '红', '梅',
  '秀英', '桂英', '玉兰', '秀兰', '凤英', '丽华', '晓燕', '雅琴', '欣怡', '梓涵', '诗雨', '雨桐', '佳怡', '思琪', '淑珍', '美玲',
  '春梅', '海燕', '晓丽', '金凤', '文静', '若曦', '梦瑶', '一诺',
] as const;

export function personName(rng: Rng, gender: 'male' | 'female'): string {
  const surname = rng.next() < 0.7 ? SURNAMES[Math.floor(rng.next() * rng.next() * 40)] : rng.pick(SURNAMES);
  return surname + rng.pick(gender === 'male' ? GIVEN_MALE : GIVEN_FEMALE);
}

/** The departments complained about and handling complaints, with their staff's titles. */
export interface DemoDepartment {
  key: string;
  name: string;
  titles: readonly string[];
  /** how many staff members to create */
  staff: number;
}

/** The demo office as 首次设置 would record it (its papers print the name, address and phone). */
export const DEMO_OFFICE = { name: '某县政务服务中心', address: '某县城关镇人民路88号', phone: '0571-63021234' } as const;

export const DEPARTMENTS: readonly DemoDepartment[] = [
  { key: 'window', name: '综合窗口', titles: ['窗口负责人', '窗口工作人员', '窗口工作人员', '导办员'], staff: 6 },
  { key: 'social', name: '社保服务科', titles: ['科长', '副科长', '科员', '科员'], staff: 5 },
  { key: 'medins', name: '医保服务窗口', titles: ['窗口负责人', '经办人员', '经办人员'], staff: 4 },
  { key: 'estate', name: '不动产登记科', titles: ['科长', '登记员', '登记员', '审核员'], staff: 5 },
  { key: 'hukou', name: '户籍窗口', titles: ['所长', '户籍民警', '辅警'], staff: 4 },
  { key: 'fund', name: '公积金窗口', titles: ['窗口负责人', '经办人员'], staff: 3 },
  { key: 'clinic', name: '门诊部', titles: ['门诊部主任', '护士长', '导医', '医师', '护士'], staff: 6 },
  { key: 'cashier', name: '收费处', titles: ['收费处主管', '收费员', '收费员'], staff: 4 },
  { key: 'pharmacy', name: '药剂科', titles: ['科主任', '药师', '药师'], staff: 4 },
  { key: 'ward', name: '住院部', titles: ['护士长', '责任护士', '医师', '护工'], staff: 5 },
  { key: 'lending', name: '借阅部', titles: ['部主任', '馆员', '馆员', '助理馆员'], staff: 5 },
  { key: 'children', name: '少儿阅览室', titles: ['负责人', '馆员'], staff: 3 },
  { key: 'property', name: '物业服务中心', titles: ['物业经理', '客服主管', '维修工', '保洁员', '管家'], staff: 6 },
  { key: 'logistics', name: '后勤保障科', titles: ['科长', '停车场管理员', '保洁主管', '维修工'], staff: 5 },
  { key: 'security', name: '保安部', titles: ['保安队长', '保安员', '保安员'], staff: 4 },
  { key: 'it', name: '信息中心', titles: ['主任', '系统管理员', '技术员'], staff: 3 },
  { key: 'office', name: '办公室（监督室）', titles: ['主任', '监督员', '文书'], staff: 3 },
];

/** Demo accounts: usernames and passwords are printed by `seed` and are for trying the app only. */
export const DEMO_USERS = [
  { username: 'clerk1', password: 'demo-clerk-1', displayName: '陈晓燕', role: 'clerk' },
  { username: 'clerk2', password: 'demo-clerk-2', displayName: '刘建华', role: 'clerk' },
  { username: 'clerk3', password: 'demo-clerk-3', displayName: '周婷', role: 'clerk' },
  { username: 'clerk4', password: 'demo-clerk-4', displayName: '马俊', role: 'clerk' },
  { username: 'super1', password: 'demo-super-1', displayName: '王志明', role: 'supervisor' },
  { username: 'super2', password: 'demo-super-2', displayName: '李秀英', role: 'supervisor' },
  { username: 'auditor1', password: 'demo-audit-1', displayName: '赵立新', role: 'auditor' },
  { username: 'admin', password: 'demo-admin-1', displayName: '系统管理员', role: 'admin' },
] as const;

// ---- Places and contact details ------------------------------------------------------------------

const STREETS = ['解放路', '人民路', '文化路', '建设路', '中山路', '新华路', '城南路', '滨江路', '学院路', '健康路', '环城北路', '富春路'];
const ESTATES = ['阳光花园', '锦绣华庭', '翠苑小区', '金色家园', '和平新村', '江南名苑', '桂花园', '东湖小区', '春江花月', '幸福里'];
const TOWNS = ['城关镇', '新登镇', '江南镇', '横村镇', '分水镇', '瑶琳镇', '百江镇', '凤川街道', '富春街道'];
const VILLAGES = ['石门村', '下杨村', '新塘村', '大溪村', '桃源村', '前山村', '高桥村', '五星村'];

export function address(rng: Rng): string {
  if (rng.chance(0.65)) {
    return `${rng.pick(STREETS)}${rng.int(1, 399)}号${rng.pick(ESTATES)}${rng.int(1, 30)}幢${rng.int(1, 4)}单元${rng.int(1, 18)}0${rng.int(1, 4)}室`;
  }
  return `${rng.pick(TOWNS)}${rng.pick(VILLAGES)}${rng.int(1, 12)}组${rng.int(1, 99)}号`;
}

export const EMPLOYERS = [
  '县第一中学', '县实验小学', '县供电公司', '县自来水公司', '富春纺织有限公司', '江南建材厂', '县农商银行营业部', '县人民医院',
  '城关镇人民政府', '县交通运输局', '华联超市', '新登镇卫生院', '县邮政分公司', '个体经营', '退休', '在校学生', '务农', '自由职业',
] as const;

const MOBILE_PREFIXES = [
  '130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '156', '157', '158', '159',
  '166', '177', '180', '181', '182', '183', '185', '186', '187', '188', '189', '191', '198', '199',
] as const;

export function mobile(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0');
}

/** A local landline: the area code of the (invented) prefecture city, 8-digit subscriber number. */
export function landline(rng: Rng): string {
  return `0571-${rng.int(6, 8)}${String(rng.int(0, 9_999_999)).padStart(7, '0')}`;
}

// County-level division codes of one prefecture (GB/T 2260 style): the first six digits of an ID number.
const REGION_CODES = ['330102', '330105', '330106', '330108', '330109', '330110', '330111', '330122', '330127', '330182', '330183', '330185'];
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** An 18-digit resident ID number with a correct GB 11643 check character; the sequence's parity gives the gender. */
export function idNumber(rng: Rng, gender: 'male' | 'female', birthYear: number): string {
  const month = rng.int(1, 12);
  const day = rng.int(1, 28);
  const seq = rng.int(0, 499) * 2 + (gender === 'male' ? 1 : 0);
  const body = `${rng.pick(REGION_CODES)}${birthYear}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${String(seq).padStart(3, '0')}`;
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(body[i]), 0);
  return body + ID_CHECK[sum % 11];
}
