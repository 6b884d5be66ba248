package demosite

// zcjdDocs is the 政策解读 column (/zwgk/zcjd/). An interpretation that names its document
// (Interprets) is linked both ways: the document page shows it under 相关解读, the
// interpretation links back with 原文链接. Two rows leave Interprets empty on purpose: the
// rules must find their documents by the 《title》 in the interpretation's title (养老服务
// 补贴 问答) or, weakly, by the 《title》 and 文号 in its first paragraph (民营经济).
// Forms: 文字, 图解 (a picture plus a short text), 问答.
//
// Planted here: interpretation-timely (图解 of the 野外用火 rules 6 working days late;
// look-alikes on time only by the working-day count), interpretation-copy (the 供水 办法's
// "interpretation" that repeats its articles; genuine 问答 and a 图解 caption as
// look-alikes). The interpretation-missing and -forms answers are on the documents' rows.
var zcjdDocs = []doc{
	{
		Key: "jd-wyfw", Col: "zcjd", Unit: "zjj", Interprets: "gf-wyfw", Form: "文字",
		Title: "《青岚县城区居民住宅小区物业服务管理办法》政策解读",
		Pub:   "2024-04-18", Recipients: "-", NoSign: true, Topic: `城乡建设、环境保护\房地产`,
		Body: `一、出台背景
近年来，我县城区住宅小区数量快速增长，物业服务在改善居住环境、维护小区秩序方面发挥了积极作用，但也存在服务不规范、收费不透明、业主委员会成立难等问题，群众反映较多。为此，县住房和城乡建设局在广泛调研、征求意见的基础上，起草了《办法》，经县人民政府同意后由县人民政府办公室印发。
二、主要内容
《办法》共七条，重点明确了三个方面的内容：一是理顺管理体制，明确县住房和城乡建设局的监管职责和街道办事处的属地指导职责；二是规范服务行为，要求物业服务企业公开服务标准和收费项目，每半年公布一次公共收益收支情况；三是建立信用评价，对物业服务企业开展年度评价并向社会公布结果。
三、亮点举措
针对群众反映强烈的“断水断电催费”问题，《办法》明确禁止物业服务企业采取停止供电、供水、供气或者限制业主出入等方式催交费用，切实保障业主的基本生活权益。
四、业主关心的问题
业主对物业服务有意见的，可以先与物业服务企业协商；协商不成的，可以向所在社区、街道办事处反映，也可以拨打县住房和城乡建设局物业服务投诉电话0745-6223187。`,
		Expect: []plant{lookalike(ruleInterpretationTimely, "文件 发布 2024-04-17, 解读 2024-04-18: 1 working day"), lookalike(ruleRegdocValidity, "政策解读 page: not a 规范性文件, no 有效性 and must not be flagged")},
	},
	{
		Key: "jd-wyfw-tj", Col: "zcjd", Unit: "zjj", Interprets: "gf-wyfw", Form: "图解",
		Title: "一图读懂《青岚县城区居民住宅小区物业服务管理办法》",
		Pub:   "2024-04-19", Recipients: "-", NoSign: true, Topic: `城乡建设、环境保护\房地产`,
		Image:  "一图读懂《青岚县城区居民住宅小区物业服务管理办法》：谁来管、怎么管、业主有哪些权利",
		Body:   `图解内容：谁来管——县住房和城乡建设局监管，街道办事处属地指导；怎么管——服务标准和收费项目公开，公共收益每半年公布一次；业主权利——不得以停水停电方式催费，物业服务企业年度评价结果向社会公布。`,
		Attach: []attachment{{Name: "一图读懂物业服务管理办法", Ext: "png"}},
	},
	{
		Key: "jd-dibao-wd", Col: "zcjd", Unit: "mzj", Interprets: "gf-dibao", Form: "问答",
		Title: "《青岚县城乡居民最低生活保障审核确认实施办法》政策问答",
		Pub:   "2024-05-23", Recipients: "-", NoSign: true, Topic: `民政、扶贫、救灾\社会救助`,
		Body: `问：哪些家庭可以申请最低生活保障？
答：持有本县户籍，共同生活的家庭成员人均收入低于当地最低生活保障标准，且家庭财产状况符合规定的城乡居民家庭，可以申请最低生活保障。
问：到哪里申请？可以网上办理吗？
答：向户籍所在地乡镇人民政府或者街道办事处申请，也可以通过“湘易办”政务服务平台在网上提出申请。本人申请有困难的，可以委托村（居）民委员会代为申请。
问：申请后多久能有结果？
答：乡镇（街道）受理后3个工作日内启动家庭经济状况调查，调查结束后在村（社区）公示7天；县民政局收到审核意见后10个工作日内作出确认决定。
问：公示会不会泄露个人信息？
答：不会。公示内容只包括申请人姓名、家庭成员数量、保障金额等，身份证号码、银行账号等个人信息一律隐去。`,
		Expect: []plant{lookalike(ruleInterpretationCopy, "genuine 问答: about a fifth of its 5-character sequences appear in the 办法")},
	},
	{
		Key: "jd-zjd", Col: "zcjd", Unit: "nyj", Interprets: "gf-zjd", Form: "文字",
		Title: "《青岚县农村宅基地和村民自建住房管理办法》政策解读",
		Pub:   "2024-06-20", Recipients: "-", NoSign: true, Topic: `国土资源、能源\土地`,
		Body: `一、为什么要出台《办法》？
我县农村宅基地管理长期存在“一户多宅”、超标准占地、未批先建等问题，村民建房质量安全隐患也不同程度存在。《办法》的出台，旨在守住耕地保护红线，保障村民合理建房需求，提升农房建设品质。
二、宅基地面积标准是多少？
《办法》按照占用土地的类型分别规定了面积上限：占用耕地的不超过130平方米，占用荒山荒地的不超过210平方米，占用其他土地的不超过180平方米。
三、村民建房要走哪些程序？
简单说就是“户申请、组讨论、村审查、乡审批”，乡镇人民政府在20个工作日内作出审批决定，并实行申请审查、丈量批放、开工查验、竣工验收“四到场”。
四、建房层数有什么限制？
新建住房原则上不超过三层，建筑高度不超过12米，既保证村庄风貌协调，也便于保障建房质量安全。`,
	},
	{
		Key: "jd-jycy", Col: "zcjd", Unit: "rsj", Interprets: "gf-jycy", Form: "文字",
		Title: "关于《青岚县就业创业补贴资金管理办法》的政策解读",
		Pub:   "2025-02-07", Recipients: "-", NoSign: true, Topic: `劳动、人事、监察\就业`,
		Body: `一、起草依据
《办法》依据财政部、人力资源社会保障部《就业补助资金管理办法》和省、市有关文件起草，对我县原有的就业补贴政策进行了系统梳理和整合。
二、补贴项目有哪些变化？
《办法》将原来分散在多个文件中的补贴项目统一为职业培训、职业技能评价、社会保险、公益性岗位、一次性创业、就业见习和求职创业七类，申领条件和标准一目了然。
三、一次性创业补贴怎么申领？
离校2年内高校毕业生、就业困难人员首次创办小微企业或者从事个体经营，正常运营满1年后，可以向县人力资源和社会保障局申请5000元一次性创业补贴。
四、如何保障资金安全？
补贴资金实行专款专用，享受补贴人员名单在县政府网站公开接受监督，对骗取补贴的依法追回资金并追究责任。
政策咨询电话：0745-6225316（县就业服务中心）。`,
	},
	{
		Key: "jd-msss-tj", Col: "zcjd", Unit: "xzfb", Interprets: "zb-msss2025", Form: "图解",
		Title: "一图读懂《青岚县2025年度重点民生实事项目实施方案》",
		Pub:   "2025-05-06", Recipients: "-", NoSign: true, Topic: `综合政务\民生实事`,
		Image:  "一图读懂2025年十项重点民生实事：幼儿园、农村公路、老旧小区、停车泊位、养老、供水、社区服务、两癌筛查、口袋公园、燃气安全",
		Body:   `2025年，县人民政府将办好十件民生实事，总投资约3.6亿元，涵盖教育、交通、住房、养老、供水、医疗和城市环境等领域。`,
		Attach: []attachment{{Name: "一图读懂2025年重点民生实事", Ext: "png"}},
		Expect: []plant{lookalike(ruleInterpretationTimely, "文件 发布 2025-04-30, 图解 2025-05-06: 6 calendar days over 劳动节 (05-01..05-05 off) but 1 working day")},
	},
	{
		Key: "jd-tcc", Col: "zcjd", Unit: "zjj", Interprets: "gf-tcc", Form: "文字",
		Title: "《青岚县城区停车场建设和管理办法》政策解读",
		Pub:   "2026-02-26", Recipients: "-", NoSign: true, Topic: `城乡建设、环境保护\市政`,
		Body: `一、背景和过程
随着城区机动车保有量快速增长，“停车难、乱停车”成为群众反映集中的问题。2024年印发的暂行办法已不能适应新形势，县住房和城乡建设局于2025年8月起草了《办法》征求意见稿，公开征求社会意见，共收到意见建议46条，采纳21条。
二、主要变化
与暂行办法相比，《办法》一是把停车设施规划建设纳入管理，明确新建住宅按照每户不少于1个车位配建；二是鼓励社会资本投资建设公共停车场，地下停车场可单独办理不动产登记；三是推行道路停车差异化收费，城区核心区域首30分钟免费。
三、对群众有什么好处？
机关、企事业单位专用停车场将在节假日和夜间向社会开放，新增的公共停车场和错时共享泊位将有效缓解老城区停车压力。`,
	},
	{
		Key: "jd-tcc-wd", Col: "zcjd", Unit: "zjj", Interprets: "gf-tcc", Form: "问答",
		Title: "《青岚县城区停车场建设和管理办法》问答",
		Pub:   "2026-02-27", Recipients: "-", NoSign: true, Topic: `城乡建设、环境保护\市政`,
		Body: `问：《办法》什么时候开始施行？原来的暂行办法还有效吗？
答：《办法》自2026年4月1日起施行，原暂行办法同时废止。
问：在道路停车泊位停车怎么收费？
答：道路停车泊位实行差异化收费，城区核心区域首30分钟免费，超过30分钟按照县发展和改革局核定的标准收费，收费标准在泊位旁公示。
问：机关单位的停车场真的会对外开放吗？
答：《办法》鼓励机关、企事业单位专用停车场在节假日和夜间向社会开放，首批开放单位名单将在县政府网站公布。
问：对停车收费有异议向谁反映？
答：可以拨打12345政务服务便民热线，或者向县发展和改革局价格监督检查部门投诉。`,
	},
	{
		Key: "jd-gzbg2026-tj", Col: "zcjd", Unit: "xzfb", Interprets: "gh-gzbg2026", Form: "图解",
		Title: "图解：2026年青岚县人民政府工作报告",
		Pub:   "2026-01-26", Recipients: "-", NoSign: true, Topic: `综合政务\政府工作报告`,
		Image:  "图解2026年县政府工作报告：2025年主要成绩、2026年主要预期目标和十项重点工作",
		Body:   `2026年全县经济社会发展的主要预期目标是：地区生产总值增长5.5%左右，一般公共预算收入增长5%，城乡居民人均可支配收入分别增长5.5%和7%。`,
		Attach: []attachment{{Name: "图解2026年县政府工作报告", Ext: "png"}},
		Expect: []plant{lookalike(ruleInterpretationCopy, "its text is one sentence of the report under the picture: too little text to judge (图解)")},
	},
	{
		Key: "jd-tcc-tj", Col: "zcjd", Unit: "zjj", Interprets: "gf-tcc", Form: "图解",
		Title: "一图读懂《青岚县城区停车场建设和管理办法》",
		Pub:   "2026-02-27", Recipients: "-", NoSign: true, Topic: `城乡建设、环境保护\市政`,
		Image:  "一图读懂《青岚县城区停车场建设和管理办法》：新建住宅每户1个车位、首30分钟免费、机关停车场错时开放",
		Body:   `图解内容：配建——新建住宅每户不少于1个车位；投资——社会资本建设公共停车场，地下车位可单独登记；收费——城区核心区域首30分钟免费；共享——机关、企事业单位停车场节假日和夜间开放。`,
		Attach: []attachment{{Name: "一图读懂停车场建设和管理办法", Ext: "png"}},
	},
	{
		Key: "jd-yhgl-tj", Col: "zcjd", Unit: "yjj", Interprets: "gf-yhgl", Form: "图解",
		Title: "图解《青岚县森林防火野外用火管理规定》",
		Pub:   "2026-03-26", Recipients: "-", NoSign: true, Topic: `农业、林业、水利\林业`,
		Image:  "图解森林防火野外用火管理规定：防火期10月1日至次年4月30日，防火区内禁止野外用火，进山不带火种",
		Body:   `图解内容：什么时候——每年10月1日至次年4月30日是森林防火期；不能做什么——防火区内禁止烧田埂草、烧荒、烧秸秆，进山不得携带火种；特殊用火——须经县人民政府批准并落实防火措施。`,
		Attach: []attachment{{Name: "图解森林防火野外用火管理规定", Ext: "png"}},
		Expect: []plant{violation(ruleInterpretationTimely,
			"文件 发布 2026-03-18, 图解 2026-03-26: 6 working days > 3 (linked by 原文链接)")},
	},
	{
		Key: "jd-gs", Col: "zcjd", Unit: "slj", Interprets: "gf-gs", Form: "文字",
		Title: "《青岚县城乡供水管理办法》政策解读",
		Pub:   "2026-04-20", Recipients: "-", NoSign: true, Topic: `城乡建设、环境保护\供水`,
		Body: `一、主要内容
为了加强城乡供水管理，保障供水安全，维护用户和供水单位的合法权益，根据《城市供水条例》等规定，结合本县实际，制定本办法。
县水利局负责全县农村供水的监督管理，县住房和城乡建设局负责县城供水的监督管理，县卫生健康局负责生活饮用水卫生的监督监测。
供水单位应当建立健全水质检测制度，按照国家规定的检测项目、频次对原水、出厂水和管网末梢水进行检测，检测结果每月向社会公布。
因工程施工、设备维修等原因需要停止供水的，供水单位应当提前24小时通知用户；因发生灾害或者紧急事故不能提前通知的，应当在抢修的同时通知用户，尽快恢复正常供水。
用户应当按照规定的计量标准和水价标准按时交纳水费，不得盗用或者转供城乡公共供水。
二、施行时间
本办法自2026年5月1日起施行，有效期5年。`,
		Expect: []plant{
			violation(ruleInterpretationCopy, "the 办法's articles repeated under two headings: nearly all its 5-character sequences appear in the 办法"),
			lookalike(ruleInterpretationTimely, "文件 发布 2026-04-15 (Wed), 解读 2026-04-20 (Mon): 5 calendar days but exactly 3 working days"),
		},
	},
	{
		// No Interprets: neither page links the other; the 《title》 in the title links them.
		Key: "jd-ylfw-wd", Col: "zcjd", Unit: "mzj", Form: "问答",
		Title: "《青岚县养老服务补贴管理办法》政策问答",
		Pub:   "2026-05-20", Recipients: "-", NoSign: true, Topic: `民政、扶贫、救灾\养老服务`,
		Body: `问：哪些老人可以领养老服务补贴？
答：主要是三类老人：特困人员和低保对象中失能、半失能的老年人，以及80岁以上的低保边缘家庭老年人，都要有本县户籍并年满60周岁。
问：居家养老的补贴是发现金吗？
答：不发现金，发的是服务券。失能老人每月200元、半失能老人每月100元，可以用来请人上门送餐、打扫卫生、助浴或者陪同就医。
问：住进养老院的老人怎么享受补贴？
答：每人每月300元，由县民政局直接拨给养老机构，用于抵扣护理费用，老人和家属不用另外申请。
问：到哪里申请？
答：老人或者监护人向所在村（居）委会提出申请，乡镇（街道）审核并公示7天后，报县民政局审批。咨询电话：0745-6224012。`,
		Expect: []plant{
			lookalike(ruleInterpretationTimely, "linked only by the 《title》 in its title; 文件 发布 2026-05-18, 问答 2026-05-20: 2 working days"),
			lookalike(ruleInterpretationCopy, "genuine 问答 in plain words"),
		},
	},
	{
		// No Interprets, no 《title》 in the title: only its first paragraph names the
		// document (by 《title》 and 文号), a weak link that still counts as an interpretation.
		Key: "jd-myjj", Col: "zcjd", Unit: "xzfb", Form: "文字",
		Title: "一文读懂我县支持民营经济发展的五方面举措",
		Pub:   "2025-06-13", Recipients: "-", NoSign: true, Topic: `工业、交通\中小企业`,
		Body: `2025年6月11日，县人民政府印发《青岚县促进民营经济高质量发展若干措施》（青政规〔2025〕2号），从五个方面提出支持民营经济发展的具体举措。
一、准入更公平
市场准入负面清单以外的行业和领域，民营企业都可以依法平等进入，有关部门不得通过备案、认证等方式变相设置门槛。
二、资金有保障
县财政每年拿出1000万元专项资金支持民营企业技改、创牌和开拓市场，企业首次升规的一次性奖励10万元。
三、成本再降低
工业用地可以长期租赁、先租后让或者弹性年期出让，企业前期拿地的资金压力明显减轻。
四、权益受保护
政府承诺的事项不因换届、换人而改变；涉企检查推行“综合查一次”，减少对企业正常经营的干扰。
五、政企常沟通
县领导联系重点民营企业，每季度召开政企座谈会，企业的困难和诉求有专门渠道反映。`,
	},
}
