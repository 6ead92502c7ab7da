// 演示数据：慈溪市十八届人大二次会议代表建议办理
// 仅供演示与测试使用，人员姓名、电话均为虚构。

export type DemoUnit = { key: string; name: string; shortName: string; kind: "department" | "town" | "other" };
export type DemoDeputy = { key: string; name: string; deputation: string; phone: string; username?: string };
export type DemoStaff = { username: string; displayName: string; unit: string /* DemoUnit.key */; role: "unit_staff" | "unit_leader" };
export type DemoTarget =
  | "registered" | "assigned" | "received" | "opinion_pending" | "opinions_sent"
  | "reply_draft" | "reply_pending" | "reply_returned" | "replied" | "rehandling" | "closed" | "withdrawn";
export type DemoProposal = {
  number: number; title: string; body: string;
  field: "工业交通" | "财政商贸" | "城建环保" | "社会事业" | "农业农村" | "政治法律" | "综合";
  leadDeputy: string; cosigners: string[];            // DemoDeputy keys
  disclosure: "full" | "title_only" | "none";
  isKey?: boolean; supervisor?: string;               // supervising leader's name+title e.g. "副市长 王建华" when isKey
  screening?: "normal" | "reference" | "merged";
  mergedInto?: number;                                 // 并案: the number it joins (registered before it in this list)
  lead?: string; co?: string[]; parallel?: string[];  // DemoUnit keys; lead XOR parallel; absent when target is "registered"
  target: DemoTarget;
  category?: "A" | "B" | "C" | "D";                     // for targets from reply_draft on
  reply?: string;                                      // reply body (3–6 sentences, point-by-point style), for targets from reply_draft on
  secondReply?: string;                                // for "closed" proposals that went through re-handling, and for "rehandling" (the draft of round 2 may be absent)
  opinions?: Record<string, string>;                  // co-unit key -> co-handling opinion body (2–4 sentences), for targets from opinions_sent on (and opinion_pending: the pending one)
  contact?: { channel: "in_person" | "meeting" | "phone" | "online"; summary: string };
  unsatisfiedComment?: string;                         // for "rehandling" and re-handled "closed": the deputy's 不满意 comment
};

export const demoUnits: DemoUnit[] = [
  { key: "jxj", name: "市经信局", shortName: "慈经信", kind: "department" },
  { key: "swj", name: "市商务局", shortName: "慈商", kind: "department" },
  { key: "fgj", name: "市发改局", shortName: "慈发改", kind: "department" },
  { key: "czj", name: "市财政局", shortName: "慈财", kind: "department" },
  { key: "zgj", name: "市自然资源和规划局", shortName: "慈资规", kind: "department" },
  { key: "zjj", name: "市住建局", shortName: "慈建", kind: "department" },
  { key: "jtj", name: "市交通运输局", shortName: "慈交", kind: "department" },
  { key: "jyj", name: "市教育局", shortName: "慈教", kind: "department" },
  { key: "wjj", name: "市卫生健康局", shortName: "慈卫健", kind: "department" },
  { key: "nyj", name: "市农业农村局", shortName: "慈农", kind: "department" },
  { key: "sthj", name: "市生态环境局", shortName: "慈环", kind: "department" },
  { key: "rsj", name: "市人力社保局", shortName: "慈人社", kind: "department" },
  { key: "gtjd", name: "古塘街道办事处", shortName: "古塘", kind: "town" },
];

export const demoDeputies: DemoDeputy[] = [
  { key: "hugf", name: "胡国锋", deputation: "古塘街道代表团", phone: "13858215476", username: "hugf" },
  { key: "chenhb", name: "陈海波", deputation: "古塘街道代表团", phone: "13967801235", username: "chenhb" },
  { key: "sunlj", name: "孙丽娟", deputation: "古塘街道代表团", phone: "15888462017", username: "sunlj" },
  { key: "yexy", name: "叶晓燕", deputation: "浒山街道代表团", phone: "13736095128", username: "yexy" },
  { key: "cenjj", name: "岑建军", deputation: "观海卫镇代表团", phone: "18906743952", username: "cenjj" },
  { key: "luozm", name: "罗志明", deputation: "周巷镇代表团", phone: "13805866374", username: "luozm" },
  { key: "shiwd", name: "施伟东", deputation: "宗汉街道代表团", phone: "15967420836", username: "shiwd" },
  { key: "qianmh", name: "钱美华", deputation: "坎墩街道代表团", phone: "18857490213", username: "qianmh" },
  { key: "wanglq", name: "王立群", deputation: "浒山街道代表团", phone: "13586627049" },
  { key: "zhangyf", name: "张燕飞", deputation: "白沙路街道代表团", phone: "15258309741" },
  { key: "xuhm", name: "徐海明", deputation: "逍林镇代表团", phone: "13706741582" },
  { key: "shenjp", name: "沈建平", deputation: "掌起镇代表团", phone: "18968035427" },
  { key: "yinglp", name: "应丽萍", deputation: "龙山镇代表团", phone: "13957460318" },
  { key: "yugq", name: "余国强", deputation: "周巷镇代表团", phone: "15867293046" },
  { key: "huangzg", name: "黄志刚", deputation: "横河镇代表团", phone: "13819872635" },
  { key: "zhengxd", name: "郑晓东", deputation: "观海卫镇代表团", phone: "18758016492" },
];

export const demoStaff: DemoStaff[] = [
  { username: "jxj_staff", displayName: "邹佳敏", unit: "jxj", role: "unit_staff" },
  { username: "jxj_leader", displayName: "杨建明", unit: "jxj", role: "unit_leader" },
  { username: "swj_staff", displayName: "周倩", unit: "swj", role: "unit_staff" },
  { username: "swj_leader", displayName: "朱海峰", unit: "swj", role: "unit_leader" },
  { username: "jyj_staff", displayName: "潘丽君", unit: "jyj", role: "unit_staff" },
  { username: "jyj_leader", displayName: "邵志远", unit: "jyj", role: "unit_leader" },
  { username: "zjj_staff", displayName: "董俊杰", unit: "zjj", role: "unit_staff" },
  { username: "zjj_leader", displayName: "华国平", unit: "zjj", role: "unit_leader" },
  { username: "jtj_staff", displayName: "方晓丽", unit: "jtj", role: "unit_staff" },
  { username: "jtj_leader", displayName: "俞伟明", unit: "jtj", role: "unit_leader" },
  { username: "nyj_staff", displayName: "谢婷婷", unit: "nyj", role: "unit_staff" },
  { username: "nyj_leader", displayName: "戚永康", unit: "nyj", role: "unit_leader" },
];

export const demoProposals: DemoProposal[] = [
  // ── 第155号：真实案例，主办市经信局，协办市商务局（协办意见由种子脚本取自样本文件）──
  {
    number: 155,
    title: "关于古塘街道工业区块改造提升的建议",
    body: [
      "古塘街道是我市工业起步较早的区域，上世纪八九十年代在担山北路、科技路、潮塘江两岸等地逐步形成了多个工业区块，曾是小家电、五金配件产业的重要集聚地。随着城市向北拓展，这些区块已处于中心城区核心位置，周边文化商务区、爱琴海购物公园等配套日益成熟，但区块自身面貌与城市发展定位很不相称。",
      "当前区块主要存在以下问题：一是土地利用效率低，区块内多为二三层老旧厂房，容积率普遍在0.8以下，亩均税收远低于全市平均水平；二是企业低小散，以小家电零部件加工、注塑、组装等作坊式企业为主，租赁经营比例高，安全生产和消防隐患突出；三是配套设施落后，道路狭窄、停车困难、雨污管网老化，与周边居住区相互干扰，群众反映较多。",
      "为此建议：一是坚持整体规划。将古塘老旧工业区块改造纳入城市有机更新统筹考虑，由规划部门牵头编制区块改造提升规划，明确功能定位、开发强度和实施时序，坚持面上整体规划与点上先行试点相结合，避免零敲碎打。",
      "二是选取区块先行试点。建议选择担山北路以东、新城大道以西、潮塘江以南、科技路两侧区块作为先行试点，整合零散地块，通过收储、协议搬迁、自主更新等多种方式推进改造，形成可复制的经验后逐步推开。",
      "三是导入新兴产业。依托我市小家电产业基础和电子商务发展优势，重点引进电商运营、工业设计、研发检测、文化创意等生产性服务业，打造创意创新中心，并配套发展年轻时尚的餐饮、休闲业态，推动区块从“制造车间”向“创意街区”转变。",
      "四是发挥国有资本作用。建议市属国有企业参与重点地块和关键节点的改造建设，把握区块整体发展方向；对国资建设的产业用房，对入驻培育达到一定规模的企业给予优惠租赁或购买政策支持，同时妥善做好原有企业的转移安置和职工就业保障。",
    ].join("\n"),
    field: "工业交通",
    leadDeputy: "hugf",
    cosigners: ["chenhb", "sunlj"],
    disclosure: "full",
    screening: "normal",
    lead: "jxj",
    co: ["swj"],
    target: "reply_draft",
    category: "B",
    reply:
      "我局会同市商务局、市自然资源和规划局和古塘街道对建议进行了认真研究，现将有关情况答复如下。一是关于整体规划，古塘老旧工业区块已列入全市低效工业用地整治计划，市自然资源和规划局正在开展区块更新单元规划研究，预计年内形成初步方案。二是关于试点先行，我局将配合古塘街道以科技路两侧区块为先行试点，全面摸清企业底数，按照“一企一策”分类推进腾退、整合和提升。三是关于产业导入，我局将联合市商务局借鉴慈溪优品馆、前湾驿淘互联网产业园的招商运营经验，重点引进电子商务、工业设计和研发服务类企业，谋划建设创意创新中心。四是关于国资参与，我局已向市政府提出由市属国有企业参与试点区块重点地块改造的建议，并将研究制定入驻企业租购优惠政策。五是关于企业安置，我局将会同古塘街道统筹小微企业园空间资源，优先安置区块内有发展潜力的企业，力争明年底前完成试点区块改造方案报批。",
    contact: {
      channel: "in_person",
      summary: "我局分管领导会同市商务局、古塘街道负责同志陪同胡国锋等代表实地走访古塘老工业区块，面对面听取代表意见，并就试点区块范围和产业导入方向进行了深入交流。",
    },
  },

  // ── 已登记（尚未交办）──
  {
    number: 271,
    title: "关于设立小家电产业发展基金的建议",
    body: "我市小家电产业链条长、企业数量多，但成长型企业股权融资渠道有限，技术改造和品牌培育资金不足。建议设立市级小家电产业发展基金，采取政府引导、社会资本参与的方式，重点投向产业链关键环节和高成长性企业。",
    field: "工业交通",
    leadDeputy: "xuhm",
    cosigners: ["luozm"],
    disclosure: "title_only",
    screening: "reference",
    target: "registered",
  },
  {
    number: 247,
    title: "关于加强农村独居老人关爱服务的建议",
    body: "我市农村独居、空巢老人数量逐年增加，部分老人存在看病不便、突发疾病无人发现等问题。建议建立农村独居老人定期探访制度，推广智能呼叫和安全监测设备，发挥村级居家养老服务站和志愿者队伍作用，织密农村养老服务网。",
    field: "社会事业",
    leadDeputy: "yinglp",
    cosigners: ["shenjp", "huangzg"],
    disclosure: "full",
    target: "registered",
  },
  {
    number: 298,
    title: "关于加强农村法治宣传和人民调解工作的建议",
    body: "随着农村土地流转、宅基地管理和邻里纠纷增多，部分村民法律意识淡薄，矛盾纠纷就地化解能力不足。建议深化“法律进村”活动，推动村级法律顾问常态化服务，充实村级人民调解员队伍并加强业务培训，把矛盾纠纷化解在基层。",
    field: "政治法律",
    leadDeputy: "zhengxd",
    cosigners: [],
    disclosure: "full",
    target: "registered",
  },

  // ── 已交办 ──
  {
    number: 236,
    title: "关于完善农村客运站点候车设施的建议",
    body: "我市部分农村公交站点仅设站牌，没有候车亭和座椅，雨雪天气和夏季高温时群众候车十分不便。部分站点设置在道路弯道处，存在安全隐患。建议对农村公交站点开展全面排查，分批建设候车亭，完善站点照明和安全设施。",
    field: "工业交通",
    leadDeputy: "huangzg",
    cosigners: ["shenjp"],
    disclosure: "full",
    lead: "jtj",
    target: "assigned",
  },
  {
    number: 219,
    title: "关于完善中小学课后服务保障机制的建议",
    body: "中小学课后服务全面推开以来，较好解决了家长接孩子难的问题，但教师工作时间普遍延长，课后服务经费保障不足，服务内容以作业辅导为主，特色课程较少。建议完善课后服务经费保障和教师激励机制，引入社会专业力量提供体育、艺术、科技类课程，提升课后服务质量。",
    field: "社会事业",
    leadDeputy: "sunlj",
    cosigners: ["yexy", "qianmh", "zhangyf", "wanglq"],
    disclosure: "full",
    parallel: ["jyj", "czj"],
    target: "assigned",
  },
  {
    number: 264,
    title: "关于加强城乡河道综合治理的建议",
    body: "我市北部平原河网密布，部分河道存在淤积严重、护岸破损、水体流动性差等问题，沿河村庄生活污水和农业面源污染仍有发生。建议统筹推进河道清淤疏浚和生态护岸建设，加强沿河截污纳管，落实河长制日常巡查，持续改善城乡河道水环境。",
    field: "城建环保",
    leadDeputy: "xuhm",
    cosigners: ["yugq", "zhengxd"],
    disclosure: "full",
    parallel: ["zjj", "sthj"],
    target: "assigned",
  },
  {
    number: 258,
    title: "关于引导外贸企业开拓新兴市场的建议",
    body: "当前传统出口市场需求波动较大，我市外贸企业对欧美市场依赖度仍然较高。建议加大对企业参加“一带一路”沿线国家和地区展会的补助力度，组织企业抱团参展，加强新兴市场商情信息和风险预警服务。",
    field: "财政商贸",
    leadDeputy: "yugq",
    cosigners: [],
    disclosure: "none",
    screening: "reference",
    lead: "swj",
    target: "assigned",
  },

  // ── 已签收 ──
  {
    number: 91,
    title: "关于完善中小学校园周边交通安全设施的建议",
    body: "古塘街道部分中小学校门口道路狭窄，上下学时段家长接送车辆集中，人车混行现象突出，存在较大安全隐患。建议在学校周边完善交通标志标线和隔离护栏，利用周边空地设置临时接送停车区，推广“即停即走”接送模式。",
    field: "社会事业",
    leadDeputy: "chenhb",
    cosigners: ["hugf"],
    disclosure: "full",
    lead: "jyj",
    co: ["jtj"],
    target: "received",
  },
  {
    number: 230,
    title: "关于规范中小学上下学接送秩序的建议",
    body: "城区部分学校放学时段周边道路拥堵严重，家长车辆随意停放，影响周边居民出行。建议学校实行错时放学，组织家长志愿者和交警协同疏导，并在条件允许的学校建设地下接送通道或校内临时停车区。",
    field: "社会事业",
    leadDeputy: "wanglq",
    cosigners: ["yexy"],
    disclosure: "full",
    // Joined to No. 91 (same matter): handled and answered as part of it.
    screening: "merged",
    mergedInto: 91,
    target: "registered",
  },
  {
    number: 188,
    title: "关于深化县域医共体建设的建议",
    body: "我市医共体建设取得初步成效，但基层医疗机构人才留不住、设备利用率不高，市级医院专家下沉基层的频次仍然不足。建议完善医共体内人员统一招聘和柔性流动机制，推进检查检验结果互认，提高专家下沉坐诊频次，让群众在家门口看得上好医生。",
    field: "社会事业",
    leadDeputy: "shiwd",
    cosigners: ["shenjp"],
    disclosure: "title_only",
    lead: "wjj",
    co: ["czj"],
    target: "received",
  },
  {
    number: 133,
    title: "关于加快人才公寓建设的建议",
    body: "我市引进的高校毕业生和技术人才普遍反映租房成本高、通勤距离远，人才公寓房源不足且分布不均，杭州湾新区和各工业园区周边尤为突出。建议加快建设一批人才公寓，鼓励企业利用自有用地建设职工宿舍，并完善人才租房补贴政策。",
    field: "综合",
    leadDeputy: "zhangyf",
    cosigners: ["luozm", "shiwd"],
    disclosure: "full",
    parallel: ["rsj", "zjj"],
    target: "received",
  },
  {
    number: 77,
    title: "关于缓解企业招工难问题的建议",
    body: "每年春节后我市制造业企业普遍面临一线普工和技术工人招工难，部分小家电企业订单充足但开工率不足。建议加强与中西部劳务输出地的合作，建立稳定的劳务协作基地，对企业招用外地员工给予交通和住宿补助，并引导企业通过自动化改造减少用工需求。",
    field: "工业交通",
    leadDeputy: "luozm",
    cosigners: ["yugq", "qianmh"],
    disclosure: "full",
    parallel: ["rsj", "jxj"],
    target: "received",
  },

  // ── 协办意见待签发 ──
  {
    number: 63,
    title: "关于推动小家电产业集群数字化转型的建议",
    body: "我市小家电产业集群规模大，但以中小企业为主，多数企业仍停留在单机自动化阶段，数字化改造意愿强但能力不足、资金紧张。建议由政府牵头建设行业级工业互联网平台，推广“小快轻准”数字化解决方案，对首批实施数字化改造的中小企业给予设备投入和软件服务补助，并培育一批本地数字化改造服务商。",
    field: "工业交通",
    leadDeputy: "shiwd",
    cosigners: ["wanglq", "luozm"],
    disclosure: "full",
    isKey: true,
    supervisor: "副市长 王建华",
    lead: "jxj",
    co: ["swj"],
    target: "opinion_pending",
    opinions: {
      swj: "我局赞同代表提出的建议，并将从市场端予以积极配合。一是依托慈溪优品馆和家电生态圈线上平台，推动完成数字化改造的企业与电商平台、直播机构开展产销对接；二是在修订跨境电商扶持政策时，对开展数字化改造并拓展线上销售的小家电企业予以倾斜。下一步，我局将配合市经信局做好平台推广和企业培训工作。",
    },
  },
  {
    number: 102,
    title: "关于加快发展跨境电商的建议",
    body: "近年来我市跨境电商发展较快，但多数卖家规模偏小，在海外仓布局、品牌注册、物流通关等方面存在短板。建议加大海外仓建设扶持力度，支持企业抱团建设公共海外仓；完善跨境电商综合服务平台功能，提供通关、结汇、退税一站式服务；引导小家电生产企业自建品牌开展跨境零售。",
    field: "财政商贸",
    leadDeputy: "qianmh",
    cosigners: ["zhangyf"],
    disclosure: "full",
    lead: "swj",
    co: ["jxj"],
    target: "opinion_pending",
    opinions: {
      jxj: "我局赞同代表关于引导小家电企业发展跨境电商的建议。一是将跨境电商独立站建设、海外品牌注册纳入企业数字化改造和品牌培育支持范围；二是结合小家电产业集群培育工作，组织生产企业参加跨境电商选品对接活动，推动制造端与跨境卖家深度合作。具体扶持政策由我局与市商务局在修订产业政策时共同研究。",
    },
  },
  {
    number: 140,
    title: "关于加快老旧小区加装电梯的建议",
    body: "我市上世纪九十年代建成的多层住宅小区老年住户比例高，上下楼困难问题突出，群众加装电梯愿望强烈。但目前加梯审批涉及部门多、流程长，低层住户意见难以统一，财政补助标准偏低。建议推行加梯联合审查“一件事”办理，适当提高补助标准，建立社区协商调解机制，推动加梯工作成片实施。",
    field: "城建环保",
    leadDeputy: "zhangyf",
    cosigners: ["wanglq", "yexy", "qianmh"],
    disclosure: "full",
    lead: "zjj",
    co: ["zgj"],
    target: "opinion_pending",
    opinions: {
      zgj: "我局支持简化老旧小区加装电梯审批流程。对符合条件的加梯项目，我局将规划许可纳入联合审查，不再单独办理规划条件核实，并明确加梯占用公共用地的认定标准。下一步将配合市住建局修订加梯实施办法，进一步压缩审批时限。",
    },
  },

  // ── 协办意见已送达主办单位 ──
  {
    number: 45,
    title: "关于推动杨梅产业提质增效的建议",
    body: "慈溪杨梅种植历史悠久，横河、匡堰、桥头等地种植面积较大，但近年来存在果园老化、品种退化、采摘期集中、劳动力短缺等问题，鲜果售价受天气影响大。建议加快老果园改造和良种推广，支持建设避雨设施和冷链保鲜设施；加强慈溪杨梅区域公用品牌宣传，拓展电商和直播销售渠道；扶持杨梅酒、杨梅干等深加工产品开发。",
    field: "农业农村",
    leadDeputy: "huangzg",
    cosigners: ["shenjp", "xuhm"],
    disclosure: "full",
    lead: "nyj",
    co: ["swj"],
    target: "opinions_sent",
    opinions: {
      swj: "我局将结合农产品电子商务工作积极予以配合。一是在杨梅上市期间依托市电子商务公共服务中心和直播基地组织杨梅专场直播销售活动；二是协调快递企业开设杨梅寄递绿色通道，推动冷链物流降本提效；三是将杨梅深加工产品纳入慈溪优品馆展销范围。",
    },
  },
  {
    number: 117,
    title: "关于加强城区内河水环境治理的建议",
    body: "城区部分内河存在水体流动性差、汛后水质反弹等问题，沿河部分老旧小区雨污混接现象仍然存在，夏季局部河段有异味。建议开展城区内河雨污混接排查整治，实施活水畅流工程，加强河道日常保洁和水质监测，并及时向社会公开监测结果。",
    field: "城建环保",
    leadDeputy: "wanglq",
    cosigners: ["zhangyf"],
    disclosure: "title_only",
    lead: "sthj",
    co: ["zjj"],
    target: "opinions_sent",
    opinions: {
      zjj: "我局负责城区雨污管网建设和管理，赞同代表提出的建议。今年我局已将浒山、古塘、白沙路等街道12个老旧小区列入雨污分流改造计划，将同步开展沿河排口溯源排查，对混接点实行销号管理。同时，我局将加强对沿河餐饮、洗车等排水户的排水许可管理。",
    },
  },
  {
    number: 201,
    title: "关于完善企业职工技能培训补贴政策的建议",
    body: "我市制造业企业技能人才缺口较大，一线职工技能提升需求迫切，但现行培训补贴申领手续繁琐、资金拨付周期长，部分中小企业参与积极性不高。建议简化补贴申领流程，推行“免申即享”；扩大企业自主评价职业技能等级范围；对小家电、模具等重点产业急需工种提高补贴标准。",
    field: "社会事业",
    leadDeputy: "luozm",
    cosigners: ["yugq"],
    disclosure: "full",
    lead: "rsj",
    co: ["czj", "jxj"],
    target: "opinions_sent",
    opinions: {
      czj: "我局将积极配合做好职业技能培训补贴资金保障工作。一是及时足额安排就业专项资金，保障培训补贴按时拨付；二是配合市人力社保局优化资金拨付流程，对符合条件的补贴实行按季度集中拨付。关于提高重点工种补贴标准，我局将在预算编制中统筹考虑。",
      jxj: "我局赞同代表关于加强重点产业技能人才培养的建议。我局将会同市人力社保局梳理小家电、模具、汽车零部件等重点产业急需紧缺工种目录，作为提高补贴标准的依据，并推动行业龙头企业开展职业技能等级自主评价。",
    },
  },

  // ── 答复起草中 ──
  {
    number: 36,
    title: "关于加快推进杭州湾新区与主城区交通互联互通的建议",
    body: "杭州湾新区与主城区之间通勤需求日益增长，但目前快速通道不足、公交班次少、高峰时段拥堵明显，影响新区人才引进和企业用工。建议加快推进中横线等快速路建设，增开主城区至新区的通勤快线公交，研究谋划市域轨道交通延伸至新区，构建半小时通勤圈。",
    field: "工业交通",
    leadDeputy: "yugq",
    cosigners: ["luozm", "zhengxd"],
    disclosure: "full",
    isKey: true,
    supervisor: "副市长 陈立新",
    lead: "jtj",
    co: ["fgj"],
    target: "reply_draft",
    category: "B",
    opinions: {
      fgj: "我局赞同代表提出的建议。中横线快速化改造项目已列入市重大项目计划，我局将加快前期审批；市域轨道交通延伸至杭州湾新区事项已纳入相关综合交通规划研究。下一步，我局将配合市交通运输局积极争取上级资金和用地指标支持。",
    },
    reply:
      "我局会同市发改局对建议进行了认真研究，现答复如下。一是关于快速通道建设，中横线快速化改造工程已完成工程可行性研究，计划年内开工，建成后主城区至新区通行时间可缩短至25分钟左右。二是关于公交线路优化，我局已组织公交企业对新区企业通勤需求开展调查，计划下半年增开2条高峰时段通勤快线，并优化现有线路班次。三是关于轨道交通，市域轨道交通延伸至新区事项已纳入综合交通规划研究，我局将积极配合做好前期研究工作。",
    contact: {
      channel: "meeting",
      summary: "分管副市长带队赴周巷镇召开重点建议面商座谈会，我局和市发改局负责同志当面听取余国强等代表意见，就快速路建设时序和通勤公交线路设置进行了交流。",
    },
  },
  {
    number: 82,
    title: "关于加强中小学生心理健康教育的建议",
    body: "近年来中小学生心理健康问题呈上升趋势，部分学校专职心理教师配备不足，心理辅导室使用率不高，家校协同不够。建议按标准配齐专职心理健康教师，建立学生心理健康筛查和分级干预机制，加强与医疗机构的转介合作，并面向家长开展心理健康知识培训。",
    field: "社会事业",
    leadDeputy: "sunlj",
    cosigners: [],
    disclosure: "full",
    lead: "jyj",
    target: "reply_draft",
    category: "A",
    reply:
      "一是关于师资配备，全市所有中学和规模以上小学均已按要求配齐专职心理健康教师，今年新招聘的8名专职心理教师已全部到岗。二是关于筛查干预，我局已在全市中小学推行学生心理健康年度普查，建立“一生一档”和分级干预机制，对重点关注学生落实专人跟踪。三是关于医校协同，我局已与市级精神卫生专科医疗机构签订合作协议，开通心理危机转介绿色通道。四是关于家校共育，我局依托家长学校每学期开展不少于2次心理健康专题讲座，帮助家长掌握科学的沟通方法。",
    contact: {
      channel: "phone",
      summary: "承办科室负责人与孙丽娟代表电话沟通，介绍了全市中小学心理健康教育工作现状和下一步打算，代表表示认可。",
    },
  },
  {
    number: 227,
    title: "关于提升农村公路安全设施水平的建议",
    body: "观海卫镇等南部山区农村公路弯多坡陡，部分路段缺少护栏、警示标志和路灯，夜间和雨天事故隐患较大。建议开展农村公路安全隐患全面排查，对临水临崖、急弯陡坡路段优先增设防护设施，并建立农村公路“路长制”日常巡查机制。",
    field: "工业交通",
    leadDeputy: "zhengxd",
    cosigners: ["cenjj"],
    disclosure: "title_only",
    lead: "jtj",
    co: ["nyj"],
    target: "reply_draft",
    category: "B",
    opinions: {
      nyj: "我局支持代表提出的建议。结合美丽乡村和未来乡村建设，我局将把村内道路安全设施完善纳入村庄环境整治内容统筹推进，并指导各镇（街道）将村道日常巡查纳入村级网格管理。",
    },
    reply:
      "一是关于隐患排查，我局已会同公安交警部门对全市农村公路开展安全隐患排查，共梳理临水临崖、急弯陡坡等隐患路段43处，建立整改清单。二是关于设施完善，今年计划投入资金1200万元，对其中26处重点路段增设护栏、减速带和警示标志，其余路段列入明年计划逐步实施。三是关于日常管理，我局将全面落实农村公路“路长制”，由镇村两级路长负责日常巡查，发现问题及时上报处置。",
    contact: {
      channel: "in_person",
      summary: "我局分管领导带队与郑晓东代表、岑建军代表实地查看观海卫镇南部山区隐患路段，现场研究整改方案。",
    },
  },

  // ── 答复待签发 ──
  {
    number: 58,
    title: "关于扩大优质学前教育资源供给的建议",
    body: "随着城镇化推进和人口流动变化，部分城区和中心镇幼儿园学位紧张，普惠性幼儿园覆盖面仍需扩大，农村幼儿园办园条件与城区差距较大。建议科学编制学前教育布局规划，新建改扩建一批公办幼儿园，提高普惠性民办幼儿园生均补助标准，并加强农村幼儿园师资队伍建设。",
    field: "社会事业",
    leadDeputy: "yinglp",
    cosigners: ["shenjp", "huangzg"],
    disclosure: "full",
    isKey: true,
    supervisor: "副市长 沈丽芳",
    lead: "jyj",
    co: ["czj"],
    target: "reply_pending",
    category: "B",
    opinions: {
      czj: "我局将积极保障学前教育经费投入。今年市级财政已安排学前教育专项资金，用于公办幼儿园新建改扩建和普惠性民办幼儿园奖补；对提高生均补助标准的建议，我局将会同市教育局测算后在下一年度预算中统筹考虑。",
    },
    reply:
      "我局会同市财政局对建议进行了认真研究，现答复如下。一是关于布局规划，我局已完成新一轮学前教育布局规划修编，明确到“十四五”末新增公办幼儿园12所。二是关于资源供给，今年在建幼儿园5所，其中龙山镇中心幼儿园分园计划明年秋季投入使用，可新增学位360个。三是关于普惠补助，我局正会同市财政局测算提高普惠性民办幼儿园生均补助标准的方案，拟于明年起实施。四是关于师资建设，我局将通过城乡结对帮扶、骨干教师交流等方式，提升农村幼儿园保教质量。",
    contact: {
      channel: "meeting",
      summary: "分管副市长主持召开重点建议面商会，我局主要负责同志向应丽萍等代表通报办理方案，代表对新建幼儿园选址提出了具体意见。",
    },
  },
  {
    number: 124,
    title: "关于支持小微企业园高质量发展的建议",
    body: "我市已建成一批小微企业园，但部分园区存在入驻企业质量不高、运营服务能力弱、配套设施不足等问题，个别园区出现“二房东”转租现象。建议完善小微企业园准入和绩效评价机制，引导专业运营机构参与园区管理，加快配套食堂、停车、宿舍等设施建设。",
    field: "工业交通",
    leadDeputy: "xuhm",
    cosigners: [],
    disclosure: "full",
    lead: "jxj",
    co: ["zgj"],
    target: "reply_pending",
    category: "A",
    opinions: {
      zgj: "我局支持小微企业园配套设施建设。对园区内按规划建设的食堂、宿舍等配套用房，在符合相关规定的前提下允许适当提高配套设施比例，并在规划审批中予以优先办理。",
    },
    reply:
      "一是关于准入评价，我局已出台小微企业园认定和绩效评价办法，对入园企业实行亩均效益准入，每年开展星级评定，评价结果与扶持资金挂钩。二是关于运营管理，目前全市已有14家园区引入专业运营机构，我局对转租行为开展专项排查，已督促3家园区完成整改。三是关于配套建设，我局会同市自然资源和规划局明确了园区配套用房比例，今年已有5家园区新建员工食堂和停车设施并投入使用。",
    contact: {
      channel: "phone",
      summary: "承办科室负责人与徐海明代表电话沟通，通报了小微企业园整治提升工作进展，并邀请代表参加下一次园区星级评定。",
    },
  },
  {
    number: 241,
    title: "关于推进医养结合服务体系建设的建议",
    body: "我市老龄化程度较高，失能半失能老人医疗护理需求持续增加，但养老机构医疗服务能力弱，基层医疗机构与养老机构合作不够紧密。建议推动乡镇卫生院与养老机构签约合作全覆盖，支持有条件的卫生院设置护理床位，加快发展家庭病床和上门医疗服务。",
    field: "社会事业",
    leadDeputy: "shenjp",
    cosigners: ["yinglp"],
    disclosure: "full",
    lead: "wjj",
    target: "reply_pending",
    category: "B",
    reply:
      "一是关于签约合作，目前全市养老机构与医疗机构签约率已达100%，我局将进一步规范签约服务内容，确保每周至少巡诊一次。二是关于护理床位，我局已指导掌起、龙山等4家卫生院利用闲置用房设置医养结合护理单元，新增护理床位120张，计划明年扩展至6家。三是关于上门服务，我局正依托医共体推进家庭病床建设，今年已建家庭病床300余张，下一步将配合医保部门完善上门服务收费和支付政策。",
    contact: {
      channel: "in_person",
      summary: "我局分管领导陪同沈建平代表走访掌起镇卫生院医养结合护理单元，当面听取代表对上门医疗服务的意见。",
    },
  },

  // ── 答复被退回修改 ──
  {
    number: 70,
    title: "关于加快推进城区停车泊位建设的建议",
    body: "浒山、古塘、白沙路等城区街道停车供需矛盾突出，老旧小区和医院、学校周边停车难问题尤为明显，车辆占道停放现象较多。建议编制城区停车设施专项规划，利用边角地、闲置地建设公共停车场，推动机关企事业单位停车场错时共享。",
    field: "城建环保",
    leadDeputy: "wanglq",
    cosigners: ["yexy", "zhangyf"],
    disclosure: "full",
    lead: "zjj",
    co: ["zgj"],
    target: "reply_returned",
    category: "C",
    opinions: {
      zgj: "我局正在组织编制中心城区停车设施专项规划，将结合代表意见合理布局公共停车场，并对利用边角地、闲置地建设临时停车场的项目简化规划审批手续。",
    },
    reply:
      "一是关于专项规划，市自然资源和规划局正在编制中心城区停车设施专项规划，预计年内完成。二是关于停车场建设，由于城区可利用地块有限，今年仅能利用2处边角地新建临时停车场，新增泊位约300个，大规模建设公共停车场需待规划批复和用地落实后逐步推进。三是关于错时共享，我局将会同相关部门推动机关单位停车场在夜间和节假日向周边居民开放。",
    contact: {
      channel: "phone",
      summary: "承办人与王立群代表电话沟通，介绍了城区停车设施规划编制情况，代表希望加快医院周边停车场建设。",
    },
  },
  {
    number: 159,
    title: "关于加大外贸企业出口信用保险支持力度的建议",
    body: "当前国际市场需求波动，外贸企业收汇风险上升，但中小外贸企业投保出口信用保险比例偏低，主要原因是保费负担较重和对政策了解不足。建议扩大小微企业出口信用保险统保平台覆盖面，提高保费补助比例，并加强政策宣传和理赔服务。",
    field: "财政商贸",
    leadDeputy: "yugq",
    cosigners: ["huangzg"],
    disclosure: "none",
    lead: "swj",
    co: ["czj"],
    target: "reply_returned",
    category: "A",
    opinions: {
      czj: "我局将继续安排外经贸发展专项资金，保障出口信用保险保费补助资金需求，并配合市商务局优化资金兑付流程，实现补助资金网上申报、快速拨付。",
    },
    reply:
      "一是关于统保平台，我市已实现年出口额500万美元以下小微企业出口信用保险统保全覆盖，企业无需缴纳保费即可享受基础保障。二是关于保费补助，对统保平台以外的企业，今年已将保费补助比例由50%提高到60%。三是关于宣传服务，我局已联合出口信用保险机构在周巷、长河等镇举办政策宣讲会6场，并开通理赔快速通道，小额案件理赔时限压缩至30天以内。",
    contact: {
      channel: "in_person",
      summary: "我局分管领导赴周巷镇走访余国强代表及部分外贸企业，当面听取企业对出口信用保险政策的意见。",
    },
  },

  // ── 已答复，待代表评价 ──
  {
    number: 48,
    title: "关于古塘街道农贸市场改造提升的建议",
    body: "古塘街道部分农贸市场建成时间早，存在设施陈旧、通风排水差、周边停车难等问题，群众买菜体验不佳。建议将相关市场纳入全市农贸市场改造提升计划，同步推进智慧化改造，完善周边停车和交通组织，提升群众满意度。",
    field: "财政商贸",
    leadDeputy: "hugf",
    cosigners: ["sunlj"],
    disclosure: "full",
    lead: "swj",
    co: ["gtjd"],
    target: "replied",
    category: "B",
    opinions: {
      gtjd: "我街道高度重视农贸市场改造提升工作，已对辖区3家农贸市场开展现状评估。街道将负责协调市场周边道路和停车设施改造，并配合做好施工期间临时疏导和摊位过渡安置工作。",
    },
    reply:
      "我局会同古塘街道对建议进行了认真研究，现答复如下。一是关于改造计划，古塘街道2家农贸市场已列入全市农贸市场改造提升三年行动计划，其中1家今年下半年启动改造，另1家明年实施。二是关于智慧化改造，改造中将同步建设农残快检公示、电子溯源秤和智慧管理平台，实现价格和检测信息实时公开。三是关于周边配套，古塘街道将结合改造对市场周边道路进行拓宽，增设临时停车泊位约80个。",
    contact: {
      channel: "in_person",
      summary: "我局分管领导会同古塘街道负责同志陪同胡国锋代表实地察看市场现状，当面沟通改造方案和实施时序。",
    },
  },
  {
    number: 12,
    title: "关于推进生活垃圾分类提质增效的建议",
    body: "我市生活垃圾分类工作已全面推开，但部分小区存在定时定点投放落实不到位、分类收运“混装混运”、居民参与率下降等问题。建议完善小区分类投放设施，加强收运环节全程监管，推广积分激励等做法，巩固分类成效。",
    field: "城建环保",
    leadDeputy: "yexy",
    cosigners: ["wanglq", "qianmh"],
    disclosure: "full",
    lead: "zjj",
    target: "replied",
    category: "A",
    reply:
      "一是关于投放设施，今年已完成城区86个小区分类投放点提升改造，增设洗手池、雨棚和视频监控。二是关于收运监管，全市分类收运车辆已全部安装定位和称重系统，对“混装混运”行为实行发现一起、查处一起，今年以来已查处11起。三是关于激励机制，我局已在浒山、古塘街道推广垃圾分类积分兑换，居民可凭积分兑换生活用品，参与率明显回升。",
    contact: {
      channel: "phone",
      summary: "承办人与叶晓燕代表电话沟通，通报了分类投放点改造和收运监管情况，代表建议进一步扩大积分兑换覆盖范围。",
    },
  },
  {
    number: 150,
    title: "关于加强青少年近视防控工作的建议",
    body: "我市中小学生近视率仍处于较高水平，电子产品使用增多、户外活动不足是主要原因。建议落实学生每天两小时综合体育活动，定期开展视力筛查并建立视力健康档案，改善教室采光照明条件。",
    field: "社会事业",
    leadDeputy: "shiwd",
    cosigners: [],
    disclosure: "full",
    lead: "jyj",
    co: ["wjj"],
    target: "replied",
    category: "A",
    opinions: {
      wjj: "我局将发挥专业技术优势，组织市属医疗机构每学期为全市中小学生开展一次视力筛查，将筛查结果反馈学校和家长，并对筛查异常学生提供转诊服务。",
    },
    reply:
      "一是关于户外活动，我局已将学生每天校内外各1小时体育活动纳入学校考核，全面推行大课间户外活动。二是关于视力筛查，在市卫生健康局支持下，全市中小学生每学期开展一次视力筛查，并建立“一人一档”视力健康档案。三是关于照明改造，近两年已完成312间教室照明改造，今年将完成剩余教室改造任务，实现教室照明达标全覆盖。",
    contact: {
      channel: "online",
      summary: "通过网络视频会议与施伟东代表沟通办理情况，听取代表对近视防控工作的意见建议。",
    },
  },
  {
    number: 187,
    title: "关于完善村级集体经济发展扶持政策的建议",
    body: "部分经济薄弱村集体经营性收入来源单一，主要依靠物业租赁，抗风险能力弱。建议提高扶持村级集体经济发展项目补助标准，支持村集体抱团异地购置物业，探索强村公司市场化运营模式。",
    field: "农业农村",
    leadDeputy: "cenjj",
    cosigners: ["zhengxd"],
    disclosure: "title_only",
    lead: "nyj",
    co: ["czj"],
    target: "replied",
    category: "D",
    opinions: {
      czj: "我局将继续统筹安排村级集体经济发展扶持资金。关于提高省级补助标准的建议，涉及上级政策调整，我局将向上级财政部门反映。",
    },
    reply:
      "一是关于补助标准，扶持村级集体经济发展项目的补助标准由省级统一制定，我局已将代表意见向上级主管部门反映，供政策修订时参考。二是关于抱团发展，我市已有32个村参与抱团项目，我局将继续总结推广镇级统筹、异地置业等模式。三是关于强村公司，目前我市强村公司尚处于起步阶段，代表提出的市场化运营建议我局将在制定相关指导意见时予以参考。",
    contact: {
      channel: "in_person",
      summary: "我局分管领导赴观海卫镇与岑建军代表面商，就村级集体经济抱团发展模式交换了意见。",
    },
  },
  {
    number: 265,
    title: "关于推进低效工业用地整治提升的建议",
    body: "我市部分镇（街道）工业用地亩均产出低，存在厂房闲置、低效出租、“圈而不用”等问题，与优质项目落地难形成反差。建议建立低效工业用地动态数据库，综合运用收储、兼并重组、“退二优二”等方式盘活存量，完善差别化要素配置政策。",
    field: "工业交通",
    leadDeputy: "luozm",
    cosigners: ["yugq", "xuhm"],
    disclosure: "full",
    lead: "jxj",
    co: ["zgj"],
    target: "replied",
    category: "B",
    opinions: {
      zgj: "我局已建立全市低效工业用地数据库，并将结合国土空间规划对整治地块的用途和开发强度予以明确。对企业自主实施“退二优二”改造的，我局将在容积率调整等方面给予政策支持。",
    },
    reply:
      "一是关于动态数据库，我局会同市自然资源和规划局建立了全市低效工业用地清单，目前共纳入低效地块215宗，实行动态更新。二是关于盘活方式，今年计划整治低效工业用地3000亩，其中政府收储1100亩、企业兼并重组和自主改造1900亩。三是关于差别化政策，我局将进一步完善亩均效益综合评价，对低效企业在用地、用能、排污等要素配置上实行差别化政策，倒逼企业转型或退出。",
    contact: {
      channel: "meeting",
      summary: "我局召开低效工业用地整治座谈会，邀请罗志明、余国强、徐海明代表参加，通报整治计划并听取意见。",
    },
  },

  // ── 代表不满意，重新办理中 ──
  {
    number: 74,
    title: "关于解决观海卫镇农村生活污水管网破损问题的建议",
    body: "观海卫镇部分村庄农村生活污水管网建成时间较早，管道破损、堵塞、雨污混接问题较多，部分终端设施运行不正常，污水溢流影响村容村貌。建议开展农村生活污水设施全面排查，加快破损管网修复和终端提标改造，落实第三方专业运维和考核机制。",
    field: "城建环保",
    leadDeputy: "cenjj",
    cosigners: ["zhengxd", "shenjp"],
    disclosure: "full",
    isKey: true,
    supervisor: "副市长 周亚军",
    lead: "zjj",
    co: ["sthj"],
    target: "rehandling",
    category: "B",
    opinions: {
      sthj: "我局将加强农村生活污水处理设施出水水质监测，对日处理能力20吨以上的终端设施每季度开展一次监督性监测，并将监测结果通报市住建局和相关镇（街道），督促运维单位整改。",
    },
    reply:
      "一是关于设施排查，我局已委托第三方对观海卫镇农村生活污水设施开展全面排查，发现管网破损点76处、运行不正常终端9座。二是关于修复改造，已将排查问题列入今年农村生活污水提标改造计划，计划年底前完成主要破损管网修复。三是关于运维管理，我局将进一步完善运维考核办法，考核结果与运维费用拨付挂钩。",
    unsatisfiedComment:
      "答复内容较为笼统，排查发现的问题未明确具体整改时间表，部分村反映的污水溢流问题至今未见处理，希望承办单位逐村落实整改责任并明确完成时限。",
    secondReply:
      "针对代表提出的意见，我局会同观海卫镇逐村制定整改清单，明确责任人和完成时限。一是对群众反映强烈的5个村污水溢流问题，已于本月完成应急疏通，并将在两个月内完成管网修复。二是其余破损管网修复和9座终端提标改造分两批实施，第一批年底前完成，第二批明年6月底前完成。三是整改进展每月向代表书面通报，接受代表监督。",
    contact: {
      channel: "in_person",
      summary: "分管副市长带队，我局主要负责同志和观海卫镇负责同志陪同岑建军等代表逐村察看污水管网破损和终端运行情况，现场研究整改措施。",
    },
  },
  {
    number: 129,
    title: "关于加大中小企业融资支持力度的建议",
    body: "受市场环境影响，部分小家电配套中小企业订单减少、回款周期拉长，流动资金紧张，但在银行贷款中普遍面临抵押物不足、担保难问题。建议扩大政策性融资担保覆盖面，扩大中小企业应急转贷资金规模，鼓励银行推出知识产权质押、订单融资等信贷产品。",
    field: "财政商贸",
    leadDeputy: "qianmh",
    cosigners: ["wanglq"],
    disclosure: "full",
    lead: "jxj",
    co: ["czj"],
    target: "rehandling",
    category: "C",
    opinions: {
      czj: "我局将继续做好政策性融资担保风险补偿资金保障，并配合做好应急转贷资金的规模测算和管理办法修订工作。",
    },
    reply:
      "一是关于融资担保，受担保放大倍数和风险控制要求限制，市政策性融资担保机构短期内大幅扩大覆盖面存在困难。二是关于应急转贷，我市已设立中小企业应急转贷资金，由于资金规模有限，现阶段重点保障规上企业和专精特新企业。三是关于信贷产品创新，我局将向金融监管部门和各银行机构转达代表建议，推动开发更多适合中小企业的信贷产品。",
    unsatisfiedComment:
      "答复以条件限制为由，对规下中小企业的实际融资困难回应不够，应急转贷资金仍将大量小微企业排除在外，希望重新研究扩大应急转贷资金覆盖范围的具体措施。",
    contact: {
      channel: "phone",
      summary: "承办科室负责人与钱美华代表电话沟通，说明了融资担保和应急转贷资金的现行政策及限制条件。",
    },
  },

  // ── 已办结 ──
  {
    number: 5,
    title: "关于加快推进城乡公交一体化的建议",
    body: "我市南部和北部部分镇村公交线路班次少、首末班时间不合理，村民特别是老年人和学生出行不便，城乡公交服务水平差距明显。建议优化城乡公交线网布局，提高镇村公交班次密度，推广预约响应式公交，实现城乡公交服务均等化。",
    field: "工业交通",
    leadDeputy: "xuhm",
    cosigners: ["shenjp", "huangzg", "yinglp"],
    disclosure: "full",
    isKey: true,
    supervisor: "副市长 陈立新",
    lead: "jtj",
    target: "closed",
    category: "A",
    reply:
      "一是关于线网优化，今年已新开和调整城乡公交线路15条，全市行政村公交通达率达到100%。二是关于班次加密，逍林、掌起等镇主要线路高峰时段发车间隔由40分钟缩短至20分钟，首末班时间根据群众需求予以延长。三是关于响应式公交，已在横河、龙山等镇开通预约响应式公交线路6条，群众可通过手机小程序预约乘车。",
    contact: {
      channel: "meeting",
      summary: "分管副市长带队召开重点建议面商会，我局主要负责同志向徐海明等代表通报城乡公交线网优化方案，逐条听取代表意见。",
    },
  },
  {
    number: 19,
    title: "关于加强乡村医生队伍建设的建议",
    body: "我市村卫生室乡村医生年龄老化严重，60岁以上人员占比较高，后继乏人问题突出，部分村卫生室面临无人值守。建议落实乡村医生待遇保障和养老政策，实施订单定向培养，推动乡镇卫生院医生下沉村卫生室坐诊。",
    field: "社会事业",
    leadDeputy: "huangzg",
    cosigners: ["xuhm"],
    disclosure: "full",
    lead: "wjj",
    co: ["rsj"],
    target: "closed",
    category: "A",
    opinions: {
      rsj: "我局将配合市卫生健康局做好乡村医生养老保障工作，对符合条件的在岗乡村医生按规定参加企业职工基本养老保险，并对定向培养医学生落实岗位招聘政策。",
    },
    reply:
      "一是关于待遇保障，今年已提高在岗乡村医生补助标准，并落实参加企业职工基本养老保险政策。二是关于定向培养，我局与相关医学院校合作开展农村订单定向医学生培养，今年招收定向生20名。三是关于医生下沉，全市各卫生院已实行“乡村一体”管理，由卫生院派驻医生到村卫生室定期坐诊，实现村卫生室服务全覆盖。",
    contact: {
      channel: "in_person",
      summary: "我局分管领导赴横河镇与黄志刚代表面商，实地走访两家村卫生室，了解乡村医生队伍现状。",
    },
  },
  {
    number: 27,
    title: "关于扶持家庭农场规范化发展的建议",
    body: "我市家庭农场数量逐年增加，但普遍存在规模偏小、管理不规范、融资和农机装备不足等问题。建议开展示范家庭农场创建，加大农业信贷担保支持，完善农机购置补贴政策，加强农场主经营管理培训。",
    field: "农业农村",
    leadDeputy: "zhengxd",
    cosigners: [],
    disclosure: "title_only",
    lead: "nyj",
    target: "closed",
    category: "B",
    reply:
      "一是关于示范创建，我局每年开展市级示范性家庭农场评定，今年新认定示范家庭农场25家，并给予一次性奖励。二是关于信贷支持，我局已与农业信贷担保机构建立合作，对家庭农场贷款给予担保费补助，下一步将扩大担保规模。三是关于农机补贴和培训，今年已将部分小型农机具纳入补贴范围，并计划分批开展家庭农场主培训，逐步实现全覆盖。",
    contact: {
      channel: "phone",
      summary: "承办人与郑晓东代表电话沟通，介绍了家庭农场扶持政策，代表希望加快农场主培训进度。",
    },
  },
  {
    number: 203,
    title: "关于加快古塘街道老旧小区改造的建议",
    body: "古塘街道部分建成于上世纪九十年代的住宅小区存在管网老化、屋面渗漏、停车位不足、无障碍设施缺失等问题，居民改造意愿强烈。建议将相关小区纳入老旧小区改造计划，改造中充分征求居民意见，同步推进加装电梯、停车设施和适老化改造。",
    field: "城建环保",
    leadDeputy: "chenhb",
    cosigners: ["hugf", "sunlj"],
    disclosure: "full",
    lead: "zjj",
    co: ["gtjd"],
    target: "closed",
    category: "B",
    opinions: {
      gtjd: "我街道已对辖区老旧小区开展摸底，共梳理需改造小区11个，将配合做好居民意愿征询、施工协调和矛盾化解工作，确保改造顺利推进。",
    },
    reply:
      "一是关于改造计划，古塘街道4个小区已列入明年老旧小区改造计划。二是关于居民参与，改造方案将通过居民议事会等方式充分征求意见后确定。三是关于同步改造，我局将在改造中统筹考虑加装电梯、停车和适老化设施。",
    unsatisfiedComment:
      "答复仅列入明年计划，对居民反映最迫切的屋面渗漏和污水管堵塞问题没有提出过渡措施，其余7个小区也未明确安排，希望进一步细化。",
    secondReply:
      "针对代表意见，我局会同古塘街道重新研究，现答复如下。一是对屋面渗漏和污水管堵塞问题，已由街道组织物业和专业单位开展应急维修，目前已完成渗漏屋面修补42处、管道疏通18处。二是剩余7个小区已全部纳入老旧小区改造三年滚动计划，其中3个小区提前至明年与首批4个小区同步实施，其余4个小区后年实施。三是我局将每季度向代表通报改造进展。",
    contact: {
      channel: "in_person",
      summary: "我局分管领导会同古塘街道负责同志陪同陈海波、胡国锋代表走访相关小区，现场听取居民代表意见。",
    },
  },
  {
    number: 110,
    title: "关于加快农村公路提档升级的建议",
    body: "周巷镇部分农村公路路面宽度不足4.5米，会车困难，部分路段路面破损、排水不畅，难以适应农业生产和群众出行需要。建议加快实施农村公路提档升级工程，对窄路面进行拓宽，完善错车道和排水设施。",
    field: "工业交通",
    leadDeputy: "yugq",
    cosigners: ["luozm"],
    disclosure: "full",
    lead: "jtj",
    co: ["nyj"],
    target: "closed",
    category: "B",
    opinions: {
      nyj: "我局支持农村公路提档升级工作，将结合高标准农田建设同步实施机耕路改造，避免重复建设。",
    },
    reply:
      "一是关于提档升级，今年全市计划完成农村公路提档升级50公里，周巷镇已有3条道路列入计划。二是关于拓宽改造，对路面宽度不足4.5米的路段，将结合道路改造逐步增设错车道。三是关于排水设施，将在改造中同步完善边沟和涵洞。",
    unsatisfiedComment:
      "代表提出的周巷镇西部几条主要村道未列入今年计划，答复也未说明原因，希望承办单位实地调研后给出具体安排。",
    secondReply:
      "我局会同周巷镇对代表提出的西部村道进行了实地踏勘，现答复如下。一是将其中2条破损较重的村道增补列入今年提档升级计划，计划年底前完工。二是其余1条村道因涉及沿线用地调整，已列入明年计划，在此之前先行实施路面修补并增设错车道3处。三是工程实施中将邀请代表参与监督。",
    contact: {
      channel: "in_person",
      summary: "我局分管领导会同周巷镇负责同志陪同余国强、罗志明代表实地踏勘周巷镇西部村道，现场确定改造安排。",
    },
  },
  {
    number: 262,
    title: "关于加强跨境电商人才培养的建议",
    body: "我市跨境电商企业普遍反映运营、视觉设计、海外营销等专业人才紧缺，本地院校培养规模小，引进人才留不住。建议推动职业院校开设跨境电商专业，开展校企合作订单式培养，将跨境电商人才纳入全市人才政策支持范围。",
    field: "财政商贸",
    leadDeputy: "zhangyf",
    cosigners: ["yexy"],
    disclosure: "full",
    lead: "swj",
    co: ["jyj", "rsj"],
    target: "closed",
    category: "A",
    opinions: {
      jyj: "我局已指导市职教中心开设电子商务专业跨境电商方向，下一步将扩大招生规模，并推动与本地企业共建实训基地。",
      rsj: "我局将把跨境电商运营等岗位纳入紧缺职业目录，对符合条件的跨境电商人才落实生活补贴和人才公寓等政策。",
    },
    reply:
      "一是关于专业设置，市职教中心已开设跨境电商方向专业，今年招生80人。二是关于校企合作，我局会同市教育局组织15家跨境电商企业与职业院校签订订单式培养协议，共建实训基地3个。三是关于人才政策，市人力社保局已将跨境电商运营、海外营销等岗位纳入紧缺职业目录，相关人才可享受生活补贴和租房补贴。",
    contact: {
      channel: "meeting",
      summary: "我局组织召开跨境电商人才培养座谈会，邀请张燕飞、叶晓燕代表和部分企业、院校负责人参加，共同研究校企合作方案。",
    },
  },

  // ── 代表撤回 ──
  {
    number: 33,
    title: "关于在周巷镇建设公共停车场的建议",
    body: "周巷镇中心区商业集中，停车位严重不足，节假日车辆乱停乱放问题突出。建议在镇中心区规划建设公共停车场，缓解停车难问题。",
    field: "城建环保",
    leadDeputy: "luozm",
    cosigners: [],
    disclosure: "full",
    lead: "zjj",
    target: "withdrawn",
  },
  {
    number: 280,
    title: "关于设立小家电产业研究院的建议",
    body: "我市小家电企业研发投入偏低，缺乏行业共性技术研发平台。建议由政府牵头设立小家电产业研究院，开展关键共性技术攻关和行业标准制定。",
    field: "工业交通",
    leadDeputy: "shiwd",
    cosigners: ["wanglq"],
    disclosure: "none",
    lead: "jxj",
    target: "withdrawn",
  },
];
