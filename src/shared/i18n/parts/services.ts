/** Server messages shared by the worker-services slices (services.*; zh-CN is the source; en must have every key). */
export const zh = {
  'services.enterprise_unknown': '所选用人单位不存在，请重新选择或直接填写单位名称',
  'services.consent_required': '请阅读并同意个人信息收集与使用说明',
  'services.category.wage_arrears': '欠薪',
  'services.category.labour_contract': '劳动合同',
  'services.category.social_insurance': '社会保险',
  'services.category.work_injury': '工伤',
  'services.category.dismissal': '解除劳动关系',
  'services.category.mutual_aid': '互助保障',
  'services.category.other': '其他',
  'services.consent.consultation': '为受理您的咨询和维权诉求，工会将收集您的姓名、手机号、工作地区和单位及您提供的材料，仅用于办理本诉求，由受理工会查看。',
  'services.consent.membership': '为办理入会，工会将收集您的姓名、身份证号、手机号和工作单位，用于入会审核和会员管理。',
  'services.consent.aid_enrolment': '用人单位为职工办理互助保障参保，提交职工姓名、身份证号和手机号，仅用于参保和给付。',
  'services.consent.aid_claim': '为办理互助保障给付申请，工会将收集您的身份信息、事故情况和相关材料，仅用于审核给付。',
  'services.consent.visitor_share': '同意本场招聘会各服务台（签到、法律咨询、入会、互助保障）合并查看您在本场的记录，以便一次办好。',
} as const;
