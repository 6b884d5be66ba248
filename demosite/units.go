package demosite

// Site identity. The county, its 市 and every person named on the site are fictional.
const (
	siteDomain = "www.qinglan.gov.cn"
	siteIDCode = "4399270001"
	siteOffice = "青岚县人民政府办公室"
	siteICP    = "湘ICP备05012783号-1"
	cityName   = "岚川市"
	countyName = "青岚县"
)

// govOffice is the 政府信息公开工作机构 the 指南 and 依申请公开 pages publish (条例 第十二条).
var govOffice = struct {
	Name, Address, Hours, Phone, Fax, Postcode, Email string
}{
	Name:     "青岚县人民政府办公室（县政务公开办公室）",
	Address:  "青岚县青云街道府前路88号县行政中心2号楼302室",
	Hours:    "工作日上午8:30—12:00，下午14:30—17:30（法定节假日除外）",
	Phone:    "0745-6221035",
	Fax:      "0745-6221036",
	Postcode: "418300",
	Email:    "zwgk@qinglan.gov.cn",
}

// units issue documents. Codes are 统一社会信用代码 shapes whose digits cannot pass as a
// resident ID number (no valid birth date in positions 7–14).
var units = map[string]unit{
	"xzf": {Name: "青岚县人民政府", Short: "青政", Code: "114399270061872345",
		Recipients: "各乡镇人民政府、街道办事处，县人民政府各部门、各直属机构",
		Approval:   "已经县人民政府常务会议研究通过"},
	"xzfb": {Name: "青岚县人民政府办公室", Short: "青政办", Code: "114399270061872361",
		Recipients: "各乡镇人民政府、街道办事处，县直各单位",
		Approval:   "已经县人民政府同意"},
	"rsj": {Name: "青岚县人力资源和社会保障局", Short: "青人社", Code: "11439927MB15172504",
		Recipients: "各乡镇人民政府、街道办事处，县直有关单位，各用人单位",
		Approval:   "已经局党组会议研究通过"},
	"zjj": {Name: "青岚县住房和城乡建设局", Short: "青住建", Code: "11439927MB1517266R",
		Recipients: "各建设单位、施工单位、监理单位",
		Approval:   "已经局党组会议研究通过"},
	"nyj": {Name: "青岚县农业农村局", Short: "青农", Code: "11439927MB15172938",
		Recipients: "各乡镇人民政府、街道办事处，局属各单位",
		Approval:   "已经局党组会议研究通过"},
	"mzj": {Name: "青岚县民政局", Short: "青民", Code: "11439927006187245K",
		Recipients: "各乡镇人民政府、街道办事处",
		Approval:   "已经局党组会议研究通过"},
	"scj": {Name: "青岚县市场监督管理局", Short: "青市监", Code: "11439927MB1517311C",
		Recipients: "各市场监管所，局机关各股室",
		Approval:   "已经局党组会议研究通过"},
	"jyj": {Name: "青岚县教育局", Short: "青教", Code: "11439927006187229F",
		Recipients: "各乡镇中心学校，县直各学校，各校外培训机构",
		Approval:   "已经局党组会议研究通过"},
	"czj": {Name: "青岚县财政局", Short: "青财", Code: "11439927006187237B"},
	"zrj": {Name: "青岚县自然资源局", Short: "青自然资", Code: "11439927MB1517258M"},
	"yjj": {Name: "青岚县应急管理局", Short: "青应急", Code: "11439927MB1517274F"},
	"ybj": {Name: "青岚县医疗保障局", Short: "青医保", Code: "11439927MB15173463"},
	"jtj": {Name: "青岚县交通运输局", Short: "青交", Code: "11439927006187288T"},
	"tyj": {Name: "青岚县退役军人事务局", Short: "青退役", Code: "11439927MB1517354W"},
	"wlj": {Name: "青岚县文化旅游广电体育局", Short: "青文旅", Code: "11439927MB15172828"},
	"slj": {Name: "青岚县水利局", Short: "青水", Code: "11439927006187296N"},
	"cgj": {Name: "青岚县城市管理和综合执法局", Short: "青城管", Code: "11439927MB15173705"},
	"zgb": {Name: "青岚县防汛抗旱指挥部办公室", Short: "青汛", Code: "11439927MB1517274F"},
	"zwj": {Name: "青岚县政务服务中心", Short: "青政服", Code: "12439927MB1K58206D"},
	"rmt": {Name: "青岚县融媒体中心", Short: "", Code: "12439927MB1K58190U"},
	"zbb": {Name: "青岚县征兵办公室", Short: "", Code: "11439927MB1517391A"},
}
