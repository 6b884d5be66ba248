package demosite

// gfxwjDocs is the 行政规范性文件 column (/zwgk/gfxwj/): documents of the county
// government and its office, listed as a TRS table and paginated only by createPageHTML.
//
// Planted here (see Expect): regdoc-validity violations (no mark, empty row, row only in a
// comment, 有效性 only as a word in the prose) and look-alikes (有效 / 现行有效 / 时效 /
// 有效期 range in the box, 有效期 only in the closing clause, 失效), regdoc-publish-timely
// cases around 元旦, 春节 and 国庆 with their 调休 make-up days.
//
// Background rows (no Expect) are compliant for the foundation rules: a visible 有效性
// mark and 成文 → 发布 within 3 working days. The package test enforces this.
var gfxwjDocs = []doc{
	{
		Key: "gf-tzxm", Col: "gfxwj", Unit: "xzf", Series: "规",
		Title:   "青岚县人民政府关于印发《青岚县政府投资项目管理办法》的通知",
		Written: "2024-03-12", Pub: "2024-03-14", Topic: `国民经济管理、国有资产监管\投资`,
		Validity: "有效",
		Body: `章 总则
条 为了规范政府投资行为，提高政府投资效益，激发社会投资活力，根据《政府投资条例》和省、市有关规定，结合本县实际，制定本办法。
条 本办法所称政府投资，是指在本县行政区域内使用预算安排的资金进行的固定资产投资建设活动，包括新建、扩建、改建、技术改造等。
条 县发展和改革局是全县政府投资主管部门，负责政府投资项目的综合管理；财政、自然资源、住房和城乡建设、审计等部门按照各自职责做好相关工作。
章 项目决策
条 政府投资项目实行审批制。项目单位应当编制项目建议书、可行性研究报告、初步设计，按照规定程序报送审批。
条 总投资3000万元以上的政府投资项目，应当经县人民政府常务会议研究决定；涉及重大公共利益的，应当依法履行公众参与、专家论证、风险评估等程序。
章 项目实施和监督
条 经批准的初步设计及投资概算应当作为项目建设实施和控制投资的依据。投资概算超过经核定投资估算10%的，项目单位应当向审批部门报告，审批部门可以要求项目单位重新报送可行性研究报告。
条 政府投资项目建成后，项目单位应当按照国家有关规定进行竣工验收，并在竣工验收合格后及时办理竣工财务决算。
条 县发展和改革局应当会同有关部门建立政府投资项目后评价制度，选择有代表性的已建成项目开展后评价。`,
		Closing: "本办法自印发之日起施行。",
		Expect: []plant{
			violation(ruleInterpretationMissing, "a 规范性文件 of the 县人民政府 or its office (青政规/青政办规): no interpretation links to it or names it"),
			lookalike(ruleRegdocValidity, "有效性 有效 in the info table (table style)"),
		},
	},
	{
		Key: "gf-wyfw", Col: "gfxwj", Unit: "xzfb", Series: "规", Info: infoBox,
		Title:   "青岚县人民政府办公室关于印发《青岚县城区居民住宅小区物业服务管理办法》的通知",
		Written: "2024-04-15", Pub: "2024-04-17", Topic: `城乡建设、环境保护\房地产`,
		Validity: "现行有效",
		Body: `条 为了规范城区居民住宅小区物业服务活动，维护业主和物业服务企业的合法权益，营造安全、整洁、和谐的居住环境，根据《中华人民共和国民法典》《物业管理条例》等法律法规，结合本县实际，制定本办法。
条 本办法适用于本县城区规划范围内居民住宅小区的物业服务及其监督管理活动。
条 县住房和城乡建设局负责全县物业服务活动的监督管理工作。青云街道、岚山街道负责指导和监督辖区内业主大会成立和业主委员会选举，协调物业服务中的矛盾纠纷。
条 物业服务企业应当按照物业服务合同约定提供服务，在小区显著位置公示服务内容、服务标准、收费项目、收费标准和投诉电话，每半年公布一次公共收益收支情况。
条 业主应当按照物业服务合同约定按时足额交纳物业服务费用。业主违反约定逾期不交纳的，业主委员会应当督促其限期交纳；逾期仍不交纳的，物业服务企业可以依法提起诉讼或者申请仲裁。
条 物业服务企业不得采取停止供电、供水、供气或者限制业主出入等方式催交物业服务费用。
条 县住房和城乡建设局应当建立物业服务企业信用档案，对物业服务企业的服务质量进行年度评价，评价结果向社会公布。`,
		Closing: "本办法自2024年5月1日起施行，有效期5年。",
		Expect: []plant{
			violation(ruleInterpretationForms, "2 forms (文字, 图解) < 3"),
		},
	},
	{
		Key: "gf-dibao", Col: "gfxwj", Unit: "xzfb", Series: "规", Info: infoGovCN,
		Title:   "青岚县人民政府办公室关于印发《青岚县城乡居民最低生活保障审核确认实施办法》的通知",
		Written: "2024-05-20", Pub: "2024-05-22", Topic: `民政、扶贫、救灾\社会救助`,
		Validity: "有效",
		Body: `章 总则
条 为了规范城乡居民最低生活保障审核确认工作，根据《社会救助暂行办法》《最低生活保障审核确认办法》等规定，结合本县实际，制定本办法。
条 县民政局负责全县最低生活保障工作的统筹管理。乡镇人民政府、街道办事处负责最低生活保障的受理、初审工作，并根据县民政局委托开展审核确认。村（居）民委员会协助做好相关工作。
章 申请和受理
条 申请最低生活保障以家庭为单位，由申请家庭确定一名共同生活的家庭成员作为申请人，向户籍所在地乡镇人民政府、街道办事处提出书面申请；实施网上申请受理的，可以通过互联网提出申请。
条 共同生活的家庭成员申请有困难的，可以委托村（居）民委员会或者其他人代为提出申请。
章 家庭经济状况调查
条 乡镇人民政府、街道办事处应当自受理申请之日起3个工作日内，启动家庭经济状况调查工作，通过入户调查、邻里访问、信函索证或者提请县民政局开展家庭经济状况信息核对等方式进行。
条 调查结束后，乡镇人民政府、街道办事处应当在申请家庭所在村（社区）进行公示，公示期为7天。公示内容应当隐去申请人身份证号码等个人信息。
章 审核确认
条 县民政局应当自收到审核意见之日起10个工作日内作出确认决定，对符合条件的申请予以确认同意，并确定救助金额；对不符合条件的，应当书面告知申请人并说明理由。`,
		Closing: "本办法自2024年6月1日起施行，有效期5年。",
		Expect: []plant{
			violation(ruleInterpretationForms, "1 form (问答) < 3"),
		},
	},
	{
		Key: "gf-zjd", Col: "gfxwj", Unit: "xzf", Series: "规", Info: infoList,
		Title:   "青岚县人民政府关于印发《青岚县农村宅基地和村民自建住房管理办法》的通知",
		Written: "2024-06-17", Pub: "2024-06-19", Topic: `国土资源、能源\土地`,
		Validity: "有效",
		Body: `条 为了加强农村宅基地和村民自建住房管理，保障农村村民合法居住权益，节约集约利用土地资源，根据《中华人民共和国土地管理法》《中华人民共和国城乡规划法》等法律法规，结合本县实际，制定本办法。
条 农村村民一户只能拥有一处宅基地。每户宅基地面积使用耕地的不得超过130平方米，使用荒山荒地的不得超过210平方米，使用其他土地的不得超过180平方米。
条 村民建房应当符合村庄规划，坚持先规划后许可、先审批后建设。新建住房层数原则上不超过三层，建筑高度不超过12米。
条 村民申请宅基地，应当以户为单位向所在村民小组提出书面申请，经村民小组会议讨论通过并公示5个工作日无异议后，报村集体经济组织或者村民委员会审查，再报乡镇人民政府审批。
条 乡镇人民政府应当建立宅基地和建房审批“一个窗口对外受理、多部门内部联动运行”工作机制，在20个工作日内作出审批决定。
条 村民建房应当实行“四到场”：申请审查到场、批准后丈量批放到场、开工查验到场、竣工验收到场。`,
		Closing: "本办法自2024年7月1日起施行，有效期5年。",
		Expect: []plant{
			violation(ruleInterpretationForms, "1 form (文字) < 3"),
		},
	},
	{
		Key: "gf-yljz", Col: "gfxwj", Unit: "xzfb", Series: "规",
		Title:   "青岚县人民政府办公室关于印发《青岚县困难群众医疗救助实施办法》的通知",
		Written: "2024-08-05", Pub: "2024-08-07", Topic: `卫生、体育\医疗保障`,
		Validity: "有效",
		Body: `一、救助对象
医疗救助对象包括特困人员、低保对象、返贫致贫人口，以及低保边缘家庭成员、纳入监测范围的农村易返贫致贫人口和因病致贫重病患者。
二、救助方式
（一）资助参保。对特困人员参加城乡居民基本医疗保险的个人缴费部分给予全额资助，对低保对象给予定额资助。
（二）直接救助。对救助对象经基本医疗保险、大病保险支付后政策范围内的个人自付医疗费用，按规定给予救助。
三、救助标准
特困人员按100%比例救助；低保对象按75%比例救助；返贫致贫人口按70%比例救助；低保边缘家庭成员按60%比例救助。年度救助限额为每人4万元。
四、经办服务
县医疗保障局应当推进医疗救助“一站式”即时结算，救助对象在定点医药机构发生的医疗费用，由定点医药机构按规定垫付。
五、职责分工
县医疗保障局负责医疗救助政策的组织实施，县民政局、县乡村振兴服务中心负责救助对象的认定和信息推送，县财政局负责救助资金的筹集和监管。`,
		Closing: "本办法自2024年9月1日起施行，有效期5年。",
		Expect: []plant{
			violation(ruleInterpretationMissing, "a 规范性文件 of the 县人民政府 or its office (青政规/青政办规): no interpretation links to it or names it"),
		},
	},
	{
		Key: "gf-cbl", Col: "gfxwj", Unit: "xzfb", Series: "规",
		Title:   "青岚县人民政府办公室关于印发《青岚县县级储备粮管理办法》的通知",
		Written: "2024-09-27", Pub: "2024-10-09", Topic: `农业、林业、水利\粮食`,
		Validity: "有效",
		Body: `条 为了加强县级储备粮管理，确保县级储备粮数量真实、质量良好、储存安全，维护粮食市场稳定，根据《粮食流通管理条例》等规定，结合本县实际，制定本办法。
条 本办法所称县级储备粮，是指县人民政府储备的用于调节本县粮食供求总量，稳定粮食市场，以及应对重大自然灾害或者其他突发事件等情况的原粮及其成品粮。
条 县级储备粮的规模、品种和总体布局，由县发展和改革局会同县财政局、县农业农村局提出方案，报县人民政府批准。
条 承储企业应当执行储备粮管理制度，做到账实相符、账账相符，不得虚报储备粮数量，不得以低价购进高价入账、以旧粮顶替轮换粮。
条 县级储备粮实行均衡轮换，每年轮换数量一般为储存总量的30%至40%。轮换架空期原则上不超过4个月。
条 县级储备粮的贷款利息、保管费用和轮换差价，由县财政按照有关规定予以补贴。`,
		Closing: "本办法自印发之日起施行，有效期5年。",
		Expect: []plant{
			violation(ruleInterpretationMissing, "a 规范性文件 of the 县人民政府 or its office (青政规/青政办规): no interpretation links to it or names it"),
			timing(ruleRegdocPublishTimely, 4,
				"国庆 2024: Sun 09-29 is a 调休 working day, 10-01..07 off; a calendar that ignores 调休 counts 3"),
		},
	},
	{
		Key: "gf-qz", Col: "gfxwj", Unit: "xzf", Series: "规", Info: infoBox,
		Title:   "青岚县人民政府关于印发《青岚县城区犬只管理规定》的通知",
		Written: "2024-09-30", Pub: "2024-10-09", Topic: `公安、安全、司法\治安`,
		Validity: "现行有效",
		Body: `条 为了规范城区犬只管理，保障公民人身安全和健康，维护社会公共秩序和市容环境卫生，根据《中华人民共和国动物防疫法》等法律法规，结合本县实际，制定本规定。
条 本规定适用于本县城区规划范围内犬只的饲养、免疫、登记及其监督管理活动。
条 县公安局负责犬只登记和违法养犬行为的查处；县农业农村局负责犬只狂犬病免疫和疫情监测；县城市管理和综合执法局负责对犬只影响市容环境卫生行为的查处。
条 城区禁止饲养烈性犬、大型犬。每户限养一只犬。饲养犬只应当在取得狂犬病免疫证明后30日内办理登记。
条 携犬出户的，应当为犬只束犬链、佩戴犬牌，由具有完全民事行为能力的人牵领，主动避让行人，及时清除犬只排泄物。
条 禁止携犬进入机关、学校、医院、商场、公共交通工具等公共场所。`,
		Closing: "本规定自2024年11月1日起施行，有效期5年。",
		Expect: []plant{
			violation(ruleInterpretationMissing, "a 规范性文件 of the 县人民政府 or its office (青政规/青政办规): no interpretation links to it or names it"),
			timing(ruleRegdocPublishTimely, 2,
				"国庆 2024 (10-01..07 off) between the dates; a weekday count gives 7"),
		},
	},
	{
		Key: "gf-gzzc", Col: "gfxwj", Unit: "xzfb", Series: "规", Info: infoGovCN,
		Title:   "青岚县人民政府办公室关于印发《青岚县行政事业单位国有资产管理办法》的通知",
		Written: "2024-12-27", Pub: "2025-01-03", Topic: `财政、金融、审计\国有资产`,
		Validity: "有效",
		Body: `章 总则
条 为了加强行政事业单位国有资产管理，维护国有资产安全完整，提高资产使用效益，根据《行政事业性国有资产管理条例》等规定，结合本县实际，制定本办法。
条 行政事业单位国有资产管理应当坚持资产管理与预算管理相结合、资产管理与财务管理相结合、实物管理与价值管理相结合的原则。
章 资产配置和使用
条 各单位配置资产应当以满足履职需要为前提，严格执行资产配置标准，能够通过调剂方式配置的，原则上不重新购置。
条 各单位不得出借国有资产。确需对外出租的，应当按照规定权限报批，并通过公开招租等市场化方式确定承租人。
章 资产处置
条 国有资产处置应当遵循公开、公平、公正和竞争、择优的原则，严格履行审批手续，未经批准不得自行处置。
条 资产处置收入在扣除相关税金、资产评估费、拍卖佣金等费用后，按照政府非税收入管理和国库集中收缴制度的有关规定上缴国库。`,
		Closing: "本办法自2025年1月1日起施行，有效期5年。",
		Expect: []plant{
			violation(ruleInterpretationMissing, "a 规范性文件 of the 县人民政府 or its office (青政规/青政办规): no interpretation links to it or names it"),
			timing(ruleRegdocPublishTimely, 4,
				"元旦 2025-01-01 off; no 调休"),
		},
	},
	{
		Key: "gf-jycy", Col: "gfxwj", Unit: "xzfb", Series: "规",
		Title:   "青岚县人民政府办公室关于印发《青岚县就业创业补贴资金管理办法》的通知",
		Written: "2025-01-24", Pub: "2025-02-06", Topic: `劳动、人事、监察\就业`,
		Validity: "有效",
		Body: `条 为了规范就业创业补贴资金管理，提高资金使用效益，根据《就业补助资金管理办法》等规定，结合本县实际，制定本办法。
条 就业创业补贴资金由县人力资源和社会保障局、县财政局按照职责分工共同管理，专款专用，任何单位和个人不得截留、挤占、挪用。
条 补贴资金用于职业培训补贴、职业技能评价补贴、社会保险补贴、公益性岗位补贴、一次性创业补贴、就业见习补贴和求职创业补贴等支出。
条 首次创办小微企业或者从事个体经营，且所创办企业或者个体工商户自工商登记注册之日起正常运营1年以上的离校2年内高校毕业生、就业困难人员，可以申请一次性创业补贴，标准为每户5000元。
条 对吸纳离校2年内未就业高校毕业生参加就业见习的单位，按照当地最低工资标准的80%给予就业见习补贴。
条 县人力资源和社会保障局应当在政府网站公开补贴资金申领条件、办理流程和享受补贴人员名单，名单中隐去身份证号码等个人敏感信息，接受社会监督。`,
		Closing: "本办法自2025年3月1日起施行，有效期5年。",
		Expect: []plant{
			violation(ruleInterpretationForms, "1 form (文字) < 3"),
			timing(ruleRegdocPublishTimely, 4,
				"春节 2025: Sun 01-26 is a 调休 working day, 01-28..02-04 off; without the 调休 day the count is 3"),
		},
	},
	{
		Key: "gf-dlwj", Col: "gfxwj", Unit: "xzf", Series: "规",
		Title:   "青岚县人民政府关于印发《青岚县城区道路挖掘占用管理规定》的通知",
		Written: "2025-03-03", Pub: "2025-03-10", Topic: `城乡建设、环境保护\市政`,
		Body: `条 为了加强城区道路挖掘占用管理，保障城市道路完好和交通安全畅通，根据《城市道路管理条例》等规定，结合本县实际，制定本规定。
条 本规定所称城区道路，是指本县城区规划范围内供车辆、行人通行的，具备一定技术条件的道路、桥梁及其附属设施。
条 因工程建设需要挖掘城区道路的，建设单位应当持县自然资源局批准签发的文件和有关设计文件，到县住房和城乡建设局和县公安局交通管理大队办理审批手续。
条 新建、扩建、改建的城区道路交付使用后5年内、大修的城区道路竣工后3年内不得挖掘；因特殊情况需要挖掘的，须经县人民政府批准。
条 经批准挖掘城区道路的，建设单位应当在施工现场设置明显标志和安全防围设施，按照批准的位置、面积、期限挖掘，竣工后及时清理现场，通知县住房和城乡建设局检查验收。
条 临时占用城区道路的，占用期限一般不超过1年；确需继续占用的，应当提前办理变更审批手续。`,
		Closing: "本规定自印发之日起施行。",
		Expect: []plant{
			violation(ruleInterpretationMissing, "a 规范性文件 of the 县人民政府 or its office (青政规/青政办规): no interpretation links to it or names it"),
			violation(ruleRegdocValidity, "no 有效性/有效期 anywhere: no row in the info table, the text only says 自印发之日起施行"),
			timing(ruleRegdocPublishTimely, 5, "plain late publication"),
		},
	},
	{
		Key: "gf-ljzl", Col: "gfxwj", Unit: "xzfb", Series: "规", Info: infoBox,
		Title:   "青岚县人民政府办公室关于印发《青岚县农村生活垃圾治理长效管护办法》的通知",
		Written: "2025-03-18", Pub: "2025-03-20", Topic: `城乡建设、环境保护\环境治理`,
		Body: `一、管护范围
全县各乡镇、村（社区）的生活垃圾收集、转运、处理设施，以及村庄公共区域的日常保洁。
二、管护模式
推行“户分类、村收集、乡镇转运、县处理”的城乡一体化处理模式。各乡镇人民政府、街道办事处是辖区内农村生活垃圾治理的责任主体，可以通过政府购买服务等方式委托专业保洁公司实施管护。
三、经费保障
县财政按照每人每年15元的标准安排农村生活垃圾治理专项经费，乡镇按照不低于1:1的比例配套；鼓励有条件的村按照“谁产生、谁付费”的原则向农户收取适当的卫生保洁费。
四、考核奖惩
县农业农村局会同县住房和城乡建设局每季度对各乡镇农村生活垃圾治理工作进行考核，考核结果与专项经费拨付挂钩，并纳入乡镇年度绩效考核。`,
		Closing: "本办法自2025年4月1日起施行。",
		Expect: []plant{
			violation(ruleInterpretationMissing, "a 规范性文件 of the 县人民政府 or its office (青政规/青政办规): no interpretation links to it or names it"),
			violation(ruleRegdocValidity, "no 有效性/有效期 anywhere (Handan-style <p><strong> box without the row)"),
		},
	},
	{
		Key: "gf-jxgl", Col: "gfxwj", Unit: "xzfb", Series: "规", Info: infoList,
		Title:   "青岚县人民政府办公室关于印发《青岚县县级财政资金预算绩效管理办法》的通知",
		Written: "2025-04-14", Pub: "2025-04-17", Topic: `财政、金融、审计\预算`,
		Validity: "有效",
		Body: `章 总则
条 为了全面实施预算绩效管理，提高财政资源配置效率和使用效益，根据《中华人民共和国预算法》《中共中央 国务院关于全面实施预算绩效管理的意见》等规定，结合本县实际，制定本办法。
条 预算绩效管理包括绩效目标管理、绩效运行监控、绩效评价和评价结果应用等环节，覆盖一般公共预算、政府性基金预算、国有资本经营预算和社会保险基金预算。
章 绩效目标管理
条 县级预算部门在编制部门预算时，应当同步设定部门整体绩效目标和项目绩效目标。未按要求设定绩效目标的项目，不得纳入项目库，不得安排预算。
章 绩效监控和评价
条 预算执行中，预算部门应当对绩效目标实现程度和预算执行进度实行“双监控”，发现偏离绩效目标的，及时采取措施予以纠正。
条 预算年度终了，预算部门应当对上年度部门整体支出和项目支出开展绩效自评，县财政局选择部分重点项目开展重点绩效评价。
章 结果应用
条 绩效评价结果作为安排以后年度预算、调整政策、改进管理的重要依据。对评价结果为“差”的项目，原则上取消或者压减预算。`,
		Closing: "本办法自印发之日起施行。",
		Expect: []plant{
			violation(ruleInterpretationMissing, "a 规范性文件 of the 县人民政府 or its office (青政规/青政办规): no interpretation links to it or names it"),
			lookalike(ruleRegdocValidity, "有效性 有效 in a <ul><li><em>有 效 性：</em> info box (label padded with spaces)"),
			timing(ruleRegdocPublishTimely, 3, "exactly 3 working days: on time"),
		},
	},
	{
		Key: "gf-ljxq", Col: "gfxwj", Unit: "xzfb", Series: "规", Info: infoBox,
		Title:   "青岚县人民政府办公室关于印发《青岚县城镇老旧小区改造实施办法》的通知",
		Written: "2025-05-12", Pub: "2025-05-14", Topic: `城乡建设、环境保护\城市更新`,
		Body: `一、改造范围
城镇老旧小区是指城市或者县城建成年代较早、失养失修失管、市政配套设施不完善、社区服务设施不健全、居民改造意愿强烈的住宅小区（含单栋住宅楼）。重点改造2000年底前建成的老旧小区。
二、改造内容
（一）基础类。主要是市政配套基础设施改造提升以及小区内建筑物屋面、外墙、楼梯等公共部位维修等。
（二）完善类。主要是环境及配套设施改造建设、小区内建筑节能改造、有条件的楼栋加装电梯等。
（三）提升类。主要是公共服务设施配套建设及其智慧化改造，包括养老、托育、助餐、便民市场等。
三、资金筹措
建立政府与居民、社会力量合理共担改造资金的机制。居民可以通过直接出资、使用住宅专项维修资金、让渡小区公共收益等方式参与改造。
四、组织实施
县住房和城乡建设局牵头组织编制年度改造计划，各街道办事处负责组织居民议定改造内容、筹集居民出资、协调解决改造中的矛盾纠纷。改造完成后，应当同步建立小区长效管理机制。`,
		Closing: "本办法自2025年6月1日起施行，有效期至2028年12月31日。",
		Expect: []plant{
			violation(ruleInterpretationMissing, "a 规范性文件 of the 县人民政府 or its office (青政规/青政办规): no interpretation links to it or names it"),
			lookalike(ruleRegdocValidity, "有效期至2028年12月31日 only in the closing paragraph of the text, no info-box row"),
		},
	},
	{
		Key: "gf-ysjj", Col: "gfxwj", Unit: "xzfb", Series: "规",
		Title:   "青岚县人民政府办公室关于印发《青岚县商品房预售资金监管办法》的通知",
		Written: "2025-05-26", Pub: "2025-05-28", Topic: `城乡建设、环境保护\房地产`,
		ValidityRow: rowEmpty,
		Body: `条 为了规范商品房预售资金监管，保障商品房交易资金安全，维护购房人和房地产开发企业的合法权益，根据《城市商品房预售管理办法》等规定，结合本县实际，制定本办法。
条 本县行政区域内取得商品房预售许可的项目，其预售资金应当全部存入预售资金监管账户，由县住房和城乡建设局会同监管银行实施监管。
条 房地产开发企业申请商品房预售许可前，应当按照一个预售许可项目设立一个监管账户的原则，与监管银行、县住房和城乡建设局签订预售资金监管协议。
条 重点监管资金按照项目建筑安装工程造价确定，并按照工程建设进度分节点拨付：主体结构完成一半时拨付至30%，主体结构封顶时拨付至60%，竣工验收备案后拨付至95%，完成不动产首次登记后拨付剩余资金。
条 监管银行应当按照监管协议约定，对不符合拨付条件的用款申请不予拨付，不得擅自扣划监管资金。`,
		Closing: "本办法自2025年7月1日起施行。",
		Expect: []plant{
			violation(ruleInterpretationMissing, "a 规范性文件 of the 县人民政府 or its office (青政规/青政办规): no interpretation links to it or names it"),
			violation(ruleRegdocValidity, "info table has a 有效性 row with an empty value"),
		},
	},
	{
		Key: "gf-myjj", Col: "gfxwj", Unit: "xzf", Series: "规", Info: infoBox,
		Title:   "青岚县人民政府关于印发《青岚县促进民营经济高质量发展若干措施》的通知",
		Written: "2025-06-09", Pub: "2025-06-11", Topic: `工业、交通\中小企业`,
		Validity: "现行有效",
		Body: `一、优化市场准入环境
全面落实市场准入负面清单制度，清单之外的行业、领域、业务等，各类经营主体皆可依法平等进入。不得以备案、注册、年检、认定、认证等形式设定或者变相设定准入障碍。
二、加大财政金融支持
县财政每年安排1000万元民营经济发展专项资金，用于支持民营企业技术改造、品牌建设和市场开拓。对首次纳入规模以上工业企业统计的民营企业，给予一次性奖励10万元。
三、降低企业经营成本
严格落实国家和省、市减税降费政策，确保应享尽享。对工业用地实行长期租赁、先租后让、弹性年期出让等供应方式，降低企业用地成本。
四、保障企业合法权益
建立政府失信责任追溯和问责机制，不得以政府换届、相关责任人更替等理由违约毁约。规范涉企行政检查，推行“综合查一次”。
五、构建亲清政商关系
建立县领导联系重点民营企业制度，每季度召开一次政企座谈会，及时协调解决企业反映的困难和问题。`,
		Closing: "本措施自印发之日起施行。",
		Expect: []plant{
			lookalike(ruleInterpretationMissing, "its interpretation names it only in the first paragraph (《title》 and 青政规 文号): a weak link, but an interpretation exists"),
			violation(ruleInterpretationForms, "1 form (文字) < 3"),
			lookalike(ruleRegdocValidity, "有效性 written as 现行有效 in the Handan-style box"),
		},
	},
	{
		Key: "gf-bz", Col: "gfxwj", Unit: "xzf", Series: "规", Info: infoBox,
		Title:   "青岚县人民政府关于印发《青岚县殡葬管理实施办法》的通知",
		Written: "2025-07-07", Pub: "2025-07-09", Topic: `民政、扶贫、救灾\殡葬`,
		ValidityRow: rowCommented,
		Body: `条 为了加强殡葬管理，推进殡葬改革，促进社会主义精神文明建设，根据《殡葬管理条例》等规定，结合本县实际，制定本办法。
条 本县全境为火葬区。在本县死亡的人员，除国家另有规定外，遗体应当实行火化。
条 县民政局负责全县殡葬管理工作。乡镇人民政府、街道办事处负责本辖区殡葬管理的具体工作，村（居）民委员会协助做好殡葬改革宣传和移风易俗工作。
条 禁止在耕地、林地、城市公园、风景名胜区、水库及河流堤坝附近和水源保护区，以及铁路、公路主干线两侧建造坟墓。
条 办理丧事活动应当遵守社会公德，不得妨碍公共秩序、危害公共安全，不得侵害他人的合法权益。禁止在城区街道、居民小区搭设灵棚、燃放烟花爆竹、抛撒纸钱。
条 对城乡低保对象、特困人员等困难群众，免除遗体接运、存放、火化和骨灰寄存等基本殡葬服务费用。`,
		Closing: "本办法自2025年8月1日起施行。",
		Expect: []plant{
			violation(ruleInterpretationMissing, "a 规范性文件 of the 县人民政府 or its office (青政规/青政办规): no interpretation links to it or names it"),
			violation(ruleRegdocValidity, "the only 有效性 row is inside an HTML comment: <!--<p><strong>有效性</strong>：</p>-->"),
		},
	},
	{
		Key: "gf-hdcs", Col: "gfxwj", Unit: "xzf", Series: "规", Info: infoBox,
		Title:   "青岚县人民政府关于印发《青岚县河道采砂管理办法》的通知",
		Written: "2025-07-21", Pub: "2025-07-23", Topic: `农业、林业、水利\水利`,
		ValidityLabel: "有效期", Validity: "2025年08月01日至2030年07月31日",
		Body: `条 为了加强河道采砂管理，维护河势稳定，保障防洪安全和通航安全，根据《中华人民共和国水法》《中华人民共和国河道管理条例》等法律法规，结合本县实际，制定本办法。
条 本县行政区域内的河道采砂实行统一规划、总量控制、许可管理。县水利局负责河道采砂的统一管理和监督检查。
条 县水利局应当会同有关部门编制河道采砂规划，划定可采区、禁采区和禁采期，报县人民政府批准后向社会公布。每年4月1日至7月31日为主汛期禁采期。
条 河道采砂权通过公开招标、拍卖、挂牌等方式出让，出让收入全额缴入县级国库。
条 从事河道采砂的单位和个人应当按照河道采砂许可证规定的范围、期限、深度、采砂量和作业方式进行开采，不得在禁采区、禁采期采砂。
条 采砂结束后，采砂单位和个人应当及时平整河床、清除砂堆，恢复河道原貌。`,
		Closing: "本办法自2025年8月1日起施行。",
		Expect: []plant{
			violation(ruleInterpretationMissing, "a 规范性文件 of the 县人民政府 or its office (青政规/青政办规): no interpretation links to it or names it"),
			lookalike(ruleRegdocValidity, "有效期 row in the info box with a date range 2025年08月01日至2030年07月31日"),
		},
	},
	{
		Key: "gf-gbnt", Col: "gfxwj", Unit: "xzfb", Series: "规", Info: infoGovCN,
		Title:   "青岚县人民政府办公室关于印发《青岚县高标准农田建设项目管理办法》的通知",
		Written: "2025-08-11", Pub: "2025-08-13", Topic: `农业、林业、水利\农业`,
		Validity: "有效",
		Body: `章 总则
条 为了规范高标准农田建设项目管理，提高建设质量和资金使用效益，根据《农田建设项目管理办法》等规定，结合本县实际，制定本办法。
条 高标准农田建设以提升粮食产能为首要目标，坚持新增建设和改造提升并重，优先在永久基本农田、粮食生产功能区内开展。
章 项目申报和审批
条 县农业农村局会同县财政局、县自然资源局、县水利局编制高标准农田建设规划和年度实施计划，经县人民政府同意后组织实施。
条 项目初步设计应当科学合理确定田、土、水、路、林、电、技、管等建设内容，亩均投资原则上不低于3000元。
章 建设管理
条 项目实行项目法人制、招标投标制、工程监理制、合同管理制和公示制。项目区应当设立公示牌，公开项目名称、建设内容、投资规模、施工和监理单位、监督电话等信息。
条 项目竣工后，县农业农村局应当及时组织竣工验收，并将建成的高标准农田上图入库，移交乡镇和村集体经济组织管护。`,
		Closing: "本办法自印发之日起施行。",
		Expect: []plant{
			violation(ruleInterpretationMissing, "a 规范性文件 of the 县人民政府 or its office (青政规/青政办规): no interpretation links to it or names it"),
			lookalike(ruleRegdocValidity, "gov.cn-style table: the mark is labelled 时　　效 (synonym, U+3000 padding) with value 有效"),
		},
	},
	{
		Key: "gf-gmfw", Col: "gfxwj", Unit: "xzfb", Series: "规", Info: infoGovCN,
		Title:   "青岚县人民政府办公室关于印发《青岚县政府购买服务管理办法》的通知",
		Written: "2025-08-25", Pub: "2025-08-27", Topic: `财政、金融、审计\政府采购`,
		Body: `条 为了规范政府购买服务行为，增强政府购买服务的针对性和有效性，提高公共服务供给质量和财政资金使用效益，根据《政府购买服务管理办法》等规定，结合本县实际，制定本办法。
条 本办法所称政府购买服务，是指各级行政机关将属于自身职责范围且适合通过市场化方式提供的服务事项，按照政府采购方式和程序，交由符合条件的服务供应商承担，并根据服务数量和质量等因素向其支付费用的行为。
条 县财政局负责制定全县政府购买服务指导性目录，各部门在指导性目录范围内确定本部门购买服务的具体事项。
条 不得将政府职责范围以外、应当由市场或者社会自行提供的事项，以及应当由政府直接履职的事项列入政府购买服务范围。
条 购买主体应当加强政府购买服务项目履约管理，开展绩效评价，评价结果作为选择承接主体的重要参考。`,
		Closing: "本办法自2025年9月1日起施行。",
		Expect: []plant{
			violation(ruleInterpretationMissing, "a 规范性文件 of the 县人民政府 or its office (青政规/青政办规): no interpretation links to it or names it"),
			violation(ruleRegdocValidity,
				"有效性 appears only as a word in the prose (增强…针对性和有效性); no mark in the gov.cn table or the text"),
		},
	},
	{
		Key: "gf-gzfw", Col: "gfxwj", Unit: "xzfb", Series: "规",
		Title:   "青岚县人民政府办公室关于印发《青岚县公共租赁住房管理办法》的通知",
		Written: "2025-09-25", Pub: "2025-09-30", Topic: `城乡建设、环境保护\住房保障`,
		Validity: "有效",
		Body: `章 总则
条 为了规范公共租赁住房管理，解决城镇中等偏下收入住房困难家庭、新就业无房职工和在城镇稳定就业的外来务工人员的住房困难，根据《公共租赁住房管理办法》等规定，结合本县实际，制定本办法。
章 申请与审核
条 申请公共租赁住房的家庭或者个人，在本县城区无自有住房，家庭人均可支配收入低于上年度县城居民人均可支配收入的80%。
条 申请人向户籍所在地或者工作单位所在地街道办事处提出申请，街道办事处自受理之日起15个工作日内完成初审并公示，公示期为7日。
章 配租与使用
条 公共租赁住房通过公开摇号方式配租，配租结果向社会公布。租赁合同期限一般为3年。
条 承租人不得将公共租赁住房转借、转租或者擅自调换，不得改变公共租赁住房的用途，不得破坏或者擅自装修。`,
		Closing: "本办法自2025年11月1日起施行，有效期5年。",
		Expect: []plant{
			violation(ruleInterpretationMissing, "a 规范性文件 of the 县人民政府 or its office (青政规/青政办规): no interpretation links to it or names it"),
			timing(ruleRegdocPublishTimely, 4,
				"Sun 09-28 is a 调休 working day before 国庆 2025; a weekday count gives 3, so only the official calendar finds it late"),
		},
	},
	{
		Key: "gf-jzlj", Col: "gfxwj", Unit: "xzf", Series: "规", Info: infoBox,
		Title:   "青岚县人民政府关于印发《青岚县城区建筑垃圾管理规定》的通知",
		Written: "2025-09-26", Pub: "2025-09-30", Topic: `城乡建设、环境保护\市容环卫`,
		Validity: "有效",
		Body: `条 为了加强城区建筑垃圾管理，维护市容环境卫生，促进建筑垃圾减量化、资源化利用，根据《城市建筑垃圾管理规定》等规定，结合本县实际，制定本规定。
条 县城市管理和综合执法局负责城区建筑垃圾的监督管理工作，县住房和城乡建设局负责督促施工单位落实建筑垃圾减量和分类管理措施。
条 建设单位、施工单位应当在工程开工前，向县城市管理和综合执法局申请办理建筑垃圾处置核准，如实申报建筑垃圾的种类、数量、运输路线和消纳场所。
条 运输建筑垃圾的车辆应当密闭运输，安装并正常使用卫星定位装置，按照规定的时间和路线行驶，不得沿途丢弃、遗撒。
条 居民装修产生的装修垃圾，应当袋装后堆放到物业服务企业或者社区指定的地点，不得与生活垃圾混合投放。`,
		Closing: "本规定自2025年11月1日起施行，有效期5年。",
		Expect: []plant{
			violation(ruleInterpretationMissing, "a 规范性文件 of the 县人民政府 or its office (青政规/青政办规): no interpretation links to it or names it"),
			timing(ruleRegdocPublishTimely, 3,
				"4 calendar days; Sun 09-28 (调休) counts as a working day, so exactly 3: on time"),
		},
	},
	{
		Key: "gf-rcyj", Col: "gfxwj", Unit: "xzfb", Series: "规",
		Title:   "青岚县人民政府办公室关于印发《青岚县人才引进培养实施办法》的通知",
		Written: "2025-09-30", Pub: "2025-10-10", Topic: `劳动、人事、监察\人才`,
		Validity: "有效",
		Body: `一、引进对象
重点引进全日制硕士研究生以上学历人才、具有副高级以上专业技术职称人才、高级技师以及县域重点产业急需紧缺人才。
二、支持政策
（一）安家补贴。对新引进的博士研究生、硕士研究生，分别给予20万元、8万元安家补贴，分3年发放。
（二）生活补贴。对新引进到县属企业和乡镇工作的全日制本科毕业生，每月给予1000元生活补贴，期限3年。
（三）住房保障。引进人才可以申请入住人才公寓，3年内免收租金。
三、培养措施
实施“青岚英才”培养计划，每两年评选一次，对入选人才给予每人每年1万元津贴；支持本土人才参加继续教育和技能提升培训。
四、服务保障
县委人才工作领导小组办公室牵头建立人才服务专员制度，为引进人才提供子女入学、配偶就业、医疗保健等“一站式”服务。`,
		Closing: "本办法自印发之日起施行，有效期3年。",
		Expect: []plant{
			violation(ruleInterpretationMissing, "a 规范性文件 of the 县人民政府 or its office (青政规/青政办规): no interpretation links to it or names it"),
			timing(ruleRegdocPublishTimely, 2,
				"国庆 2025 (10-01..08 off) lies between the dates: 10 calendar days, 8 weekdays, 2 working days"),
		},
	},
	{
		Key: "gf-zdjc", Col: "gfxwj", Unit: "xzf", Series: "规",
		Title:   "青岚县人民政府关于印发《青岚县重大行政决策程序规定》的通知",
		Written: "2025-11-10", Pub: "2025-11-12", Topic: `综合政务\行政决策`,
		Validity: "有效", ValidityRow: rowCommented,
		Body: `章 总则
条 为了规范重大行政决策程序，提高决策质量和效率，明确决策责任，根据《重大行政决策程序暂行条例》等规定，结合本县实际，制定本规定。
条 县人民政府实行重大行政决策事项目录管理。县司法局会同县人民政府办公室拟订年度决策事项目录，经县人民政府常务会议审议通过后向社会公布。
章 决策程序
条 决策事项涉及社会公众切身利益的，决策承办单位应当通过政府网站等途径向社会公开征求意见，征求意见期限一般不少于30日。
条 专业性、技术性较强的决策事项，决策承办单位应当组织专家、专业机构论证其必要性、可行性、科学性等。
条 决策草案提交县人民政府讨论前，应当由县司法局进行合法性审查。未经合法性审查或者经审查不合法的，不得提交讨论。
章 决策执行和调整
条 决策执行单位应当跟踪决策实施情况，发现决策所依据的客观情况发生重大变化的，及时向县人民政府报告。`,
		Closing: "本规定自2026年1月1日起施行。",
		Expect: []plant{
			violation(ruleInterpretationMissing, "a 规范性文件 of the 县人民政府 or its office (青政规/青政办规): no interpretation links to it or names it"),
			violation(ruleRegdocValidity,
				"the only 有效性 row (with value 有效) is inside an HTML comment <!--<tr><th>有效性：</th><td>有效</td></tr>-->, so it is not shown"),
		},
	},
	{
		Key: "gf-tcgl", Col: "gfxwj", Unit: "xzfb", Series: "规", Info: infoList,
		Title:   "青岚县人民政府办公室关于印发《青岚县城区机动车停放管理暂行办法》的通知",
		Written: "2024-01-15", Pub: "2024-01-17", Topic: `公安、安全、司法\交通管理`,
		Validity: "失效",
		Body: `条 为了加强城区机动车停放管理，改善城区交通秩序，根据《中华人民共和国道路交通安全法》等法律法规，结合本县实际，制定本办法。
条 县公安局交通管理大队负责城区道路机动车停放的管理，县住房和城乡建设局负责公共停车场规划建设的指导。
条 机动车应当在停车场、停车泊位或者依法允许临时停车的地点停放，不得在人行道、绿化带、消防通道等区域停放。
条 城区道路临时停车泊位实行限时停放，具体时段和收费标准由县发展和改革局核定后向社会公布。`,
		Closing: "本办法自2024年2月1日起施行。",
		Expect: []plant{
			lookalike(ruleInterpretationMissing, "marked 失效 (superseded): no longer in force, its interpretation is not asked for"),
			lookalike(ruleRegdocValidity, "marked 有效性 失效 (superseded by the 2026 停车场办法): the mark is shown, the rule only checks that there is one"),
		},
	},
	{
		Key: "gf-ltqy", Col: "gfxwj", Unit: "xzfb", Series: "规", Info: infoList,
		Title:   "青岚县人民政府办公室关于印发《青岚县农业产业化龙头企业认定和监测管理办法》的通知",
		Written: "2025-12-08", Pub: "2025-12-10", Topic: `农业、林业、水利\农业产业化`,
		Body: `章 总则
条 为了培育壮大农业产业化龙头企业，规范县级龙头企业认定和监测管理，根据省、市有关规定，结合本县实际，制定本办法。
章 认定标准
条 申报县级龙头企业，应当在本县依法设立，以农产品生产、加工或者流通为主业，农产品生产、加工、流通的销售收入占总销售收入70%以上。
条 申报企业总资产规模1000万元以上，年销售收入1500万元以上，近两年内无重大质量安全事故和环境污染事故，无拖欠工资、社会保险费等不良信用记录。
章 认定程序
条 县级龙头企业每两年认定一次。企业自愿申报，经乡镇人民政府初审、县农业农村局会同有关部门评审，评审结果公示5个工作日无异议后，报县人民政府批准公布。
章 运行监测
条 县级龙头企业实行动态管理，每两年监测一次。监测合格的，继续保留资格；监测不合格或者发生重大违法违规行为的，取消其资格。`,
		Closing: "本办法自2026年1月1日起施行，有效期5年。",
		Expect: []plant{
			violation(ruleInterpretationMissing, "a 规范性文件 of the 县人民政府 or its office (青政规/青政办规): no interpretation links to it or names it"),
			lookalike(ruleRegdocValidity, "no info-box row, but the closing article says 本办法自2026年1月1日起施行，有效期5年"),
		},
	},
	{
		Key: "gf-zdnm", Col: "gfxwj", Unit: "xzf", Series: "规",
		Title: "青岚县人民政府关于印发《青岚县被征地农民养老保险实施办法》的通知",
		Pub:   "2025-12-22", SignDate: "2025-12-19", Topic: `劳动、人事、监察\社会保险`,
		Validity: "有效",
		Body: `条 为了保障被征地农民的基本生活和长远生计，根据《中华人民共和国土地管理法》和省、市关于做好被征地农民社会保障工作的有关规定，结合本县实际，制定本办法。
条 本办法所称被征地农民，是指本县行政区域内农村集体所有土地被依法征收、征收时享有农村集体土地承包权且在册的农业人口。
条 被征地农民社会保障资金在征地补偿安置方案批准前足额落实，由县财政局设立专户管理，专款专用。
条 被征地农民按照自愿原则参加城乡居民基本养老保险或者职工基本养老保险，政府按照每人不低于2万元的标准给予补贴，补贴资金记入个人账户。
条 县人力资源和社会保障局负责被征地农民养老保险的组织实施，县自然资源局负责提供被征地农民名单，乡镇人民政府负责名单的审核和公示。`,
		Closing: "本办法自2026年1月1日起施行，有效期5年。",
		Expect: []plant{
			violation(ruleInterpretationMissing, "a 规范性文件 of the 县人民政府 or its office (青政规/青政办规): no interpretation links to it or names it"),
			lookalike(ruleRegdocPublishTimely,
				"no 成文日期 anywhere in the info box: undetermined, not a violation (the signature date 2025年12月19日 is 1 working day before 发布 anyway)"),
		},
	},
	{
		Key: "gf-tcc", Col: "gfxwj", Unit: "xzf", Series: "规", Info: infoGovCN,
		Title:   "青岚县人民政府关于印发《青岚县城区停车场建设和管理办法》的通知",
		Written: "2026-02-13", Pub: "2026-02-25", Topic: `城乡建设、环境保护\市政`,
		Validity: "有效",
		Body: `章 总则
条 为了加强城区停车场建设和管理，缓解停车难问题，改善城区交通秩序，根据《中华人民共和国道路交通安全法》等法律法规，结合本县实际，制定本办法。
条 本办法所称停车场，包括公共停车场、专用停车场和道路停车泊位。
章 规划建设
条 县自然资源局会同县住房和城乡建设局、县公安局交通管理大队编制城区停车设施专项规划，经县人民政府批准后组织实施。
条 新建、改建、扩建建设项目应当按照停车设施配建标准配建停车场，并与主体工程同步设计、同步建设、同步交付使用。住宅项目按照每户不少于1个停车位配建。
条 鼓励社会资本投资建设公共停车场。利用地下空间建设公共停车场的，可以依法单独办理不动产登记。
章 经营管理
条 经营性停车场应当在出入口显著位置公示收费标准、收费依据、监督电话，不得超出公示标准收费。
条 道路停车泊位实行差异化收费，城区核心区域首30分钟免费。机关、企事业单位专用停车场在节假日和夜间向社会开放的，可以按照规定收取费用。
章 附则
条 本办法施行后，《青岚县城区机动车停放管理暂行办法》（青政办规〔2024〕1号）同时废止。`,
		Closing: "本办法自2026年4月1日起施行，有效期5年。",
		Expect: []plant{
			lookalike(ruleInterpretationMissing, "three interpretations listed under 相关解读 and linking back by 原文链接"),
			lookalike(ruleInterpretationForms, "3 forms: 文字, 问答 and 图解 (一图读懂)"),
			timing(ruleRegdocPublishTimely, 3,
				"春节 2026: Sat 02-14 is a 调休 working day, 02-15..23 off; 12 calendar days, exactly 3 working days: on time"),
		},
	},
	{
		Key: "gf-yhgl", Col: "gfxwj", Unit: "xzf", Series: "规", Info: infoBox,
		Title:   "青岚县人民政府关于印发《青岚县森林防火野外用火管理规定》的通知",
		Written: "2026-03-16", WrittenRow: rowCommented, Pub: "2026-03-18", Topic: `农业、林业、水利\林业`,
		Validity: "现行有效",
		Body: `条 为了加强森林防火期野外用火管理，预防和减少森林火灾，保护森林资源和人民群众生命财产安全，根据《森林防火条例》等规定，结合本县实际，制定本规定。
条 每年10月1日至次年4月30日为本县森林防火期，其中1月1日至4月30日为森林高火险期。
条 森林防火期内，禁止在森林防火区野外用火。因防治病虫鼠害、冻害等特殊情况确需野外用火的，应当经县人民政府批准，并按照要求采取防火措施。
条 森林防火期内，进入森林防火区的机动车辆应当安装防火装置，配备灭火器材；进入森林防火区的人员不得携带火种。
条 各乡镇人民政府、街道办事处应当组织村（居）民委员会划定护林员责任区，在进山路口设置森林防火检查站，对进山人员和车辆开展防火检查。`,
		Closing: "本规定自印发之日起施行，有效期5年。",
		Expect: []plant{
			violation(ruleInterpretationForms, "1 form (图解) < 3"),
			lookalike(ruleRegdocPublishTimely,
				"成文日期 row exists only inside an HTML comment (Handan style): no 成文日期, undetermined, not a violation (the commented date 2026-03-16 is 2 working days before 发布 anyway)"),
		},
	},
	{
		Key: "gf-gs", Col: "gfxwj", Unit: "xzfb", Series: "规",
		Title:   "青岚县人民政府办公室关于印发《青岚县城乡供水管理办法》的通知",
		Written: "2026-04-13", Pub: "2026-04-15", Topic: `城乡建设、环境保护\供水`,
		Validity: "有效",
		Body: `条 为了加强城乡供水管理，保障供水安全，维护用户和供水单位的合法权益，根据《城市供水条例》等规定，结合本县实际，制定本办法。
条 县水利局负责全县农村供水的监督管理，县住房和城乡建设局负责县城供水的监督管理，县卫生健康局负责生活饮用水卫生的监督监测。
条 供水单位应当建立健全水质检测制度，按照国家规定的检测项目、频次对原水、出厂水和管网末梢水进行检测，检测结果每月向社会公布。
条 因工程施工、设备维修等原因需要停止供水的，供水单位应当提前24小时通知用户；因发生灾害或者紧急事故不能提前通知的，应当在抢修的同时通知用户，尽快恢复正常供水。
条 用户应当按照规定的计量标准和水价标准按时交纳水费，不得盗用或者转供城乡公共供水。`,
		Closing: "本办法自2026年5月1日起施行，有效期5年。",
		Expect: []plant{
			violation(ruleInterpretationForms, "1 form (文字) < 3"),
		},
	},
	{
		Key: "gf-ylfw", Col: "gfxwj", Unit: "xzfb", Series: "规", Info: infoList,
		Title:   "青岚县人民政府办公室关于印发《青岚县养老服务补贴管理办法》的通知",
		Written: "2026-05-18", Pub: "2026-05-18", Topic: `民政、扶贫、救灾\养老服务`,
		Validity: "有效",
		Body: `一、补贴对象
具有本县户籍、年满60周岁的特困人员、低保对象中的失能半失能老年人，以及年满80周岁的低保边缘家庭老年人。
二、补贴标准
（一）居家养老服务补贴。失能老年人每人每月200元，半失能老年人每人每月100元，以服务券形式发放，用于购买助餐、助洁、助浴、助医等服务。
（二）机构养老服务补贴。入住养老机构的失能老年人，每人每月给予300元运营补贴，直接拨付养老机构。
三、申请程序
老年人或者其监护人向户籍所在地村（居）民委员会提出申请，乡镇人民政府、街道办事处审核并公示7天，县民政局审批。
四、监督管理
县民政局应当定期对补贴发放情况进行核查，对采取虚报、隐瞒、伪造等手段骗取补贴的，追回已发放的补贴资金，依法追究相关责任。`,
		Closing: "本办法自2026年7月1日起施行，有效期5年。",
		Expect: []plant{
			lookalike(ruleInterpretationMissing, "its 问答 names it only by the 《title》 in its own title: no link either way"),
			violation(ruleInterpretationForms, "1 form (问答) < 3"),
			timing(ruleRegdocPublishTimely, 0, "published the day it was signed"),
		},
	},
	{
		Key: "gf-jjcw", Col: "gfxwj", Unit: "xzfb", Series: "规", Info: infoBox,
		Title:   "青岚县人民政府办公室关于印发《青岚县农村集体经济组织财务管理办法》的通知",
		Written: "2026-06-08", Pub: "2026-06-10", Topic: `农业、林业、水利\农村经营管理`,
		Validity: "有效",
		Body: `条 为了规范农村集体经济组织财务行为，加强农村集体资产管理，保障农村集体经济组织及其成员的合法权益，根据《农村集体经济组织财务制度》等规定，结合本县实际，制定本办法。
条 农村集体经济组织应当建立健全财务管理制度，实行民主理财，定期公开财务，接受成员监督。
条 农村集体经济组织实行“村账乡代管”，由乡镇农村经营管理部门代理记账，集体经济组织的所有权、使用权、审批权和收益权不变。
条 农村集体经济组织的财务收支每季度公开一次，重大财务事项随时公开，公开时间不少于30天。
条 农村集体经济组织发生资产处置、对外投资、举债等重大事项，应当经成员大会或者成员代表大会讨论通过。`,
		Closing: "本办法自2026年7月1日起施行，有效期5年。",
		Expect: []plant{
			violation(ruleInterpretationMissing, "a 规范性文件 of the 县人民政府 or its office (青政规/青政办规): no interpretation links to it or names it"),
		},
	},
}
