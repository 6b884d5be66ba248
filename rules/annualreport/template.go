// Package annualreport reads 政府信息公开工作年度报告 (annual reports on government
// information disclosure): it recognises them by title, tells whose they are, finds the
// six sections of the national template, parses the statistical tables through their
// rowspan/colspan by label text, checks that they add up, and measures how much of a
// report repeats the previous year's.
//
// The national format is 《中华人民共和国政府信息公开工作年度报告格式》, issued on trial
// by 国办公开办函〔2019〕60号 (reports on 2019 and 2020) and in final form by
// 国办公开办函〔2021〕30号 (reports on 2021 onward). Both have six sections; in table 三
// the 2021 format splits （六）其他处理 into three rows, the trial format does not.
//
// The package works on facts (page text, tables as grids); it knows nothing of sites,
// rules or the store.
package annualreport

// Template holds the fixed wording of both formats: section headings (current and older
// wording), table labels and the sentences every report copies. Similarity ignores it, so
// two reports that share nothing but the template are not alike.
const Template = `
本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求编制。
本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式（试行）〉的通知》（国办公开办函〔2019〕60号）要求编制。
本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项等部分组成。
本报告所列数据统计期限自年月日起至年月日止。本报告中所列数据的统计期限自年月日起至年月日止。
本报告电子版可在门户网站查阅或者下载。本报告电子版可在人民政府门户网站（）查阅或下载。如对本报告有任何疑问，请与联系（地址：；邮编：；电话：；传真：；电子邮箱：）。
一、总体情况
二、主动公开政府信息情况
三、收到和处理政府信息公开申请情况
四、政府信息公开行政复议、行政诉讼情况
五、存在的主要问题及改进情况
五、政府信息公开工作存在的主要问题及改进情况
六、其他需要报告的事项
本年度未收取信息处理费。本年度没有收取信息处理费。本机关未收取信息处理费。
（一）主动公开（二）依申请公开（三）政府信息管理（四）平台建设（五）监督保障
第二十条第（一）项 信息内容 本年制发件数 本年废止件数 现行有效件数 规章 行政规范性文件
第二十条第（五）项 信息内容 本年处理决定数量 行政许可
第二十条第（六）项 信息内容 本年处理决定数量 行政处罚 行政强制
第二十条第（八）项 信息内容 本年收费金额（单位：万元） 行政事业性收费
第二十条第（一）项 信息内容 本年新制作数量 本年新公开数量 对外公开总数量 规章 规范性文件
第二十条第（五）项 信息内容 上一年项目数量 本年增/减 处理决定数量 行政许可 其他对外管理服务事项
第二十条第（六）项 信息内容 上一年项目数量 本年增/减 处理决定数量 行政处罚 行政强制
第二十条第（八）项 信息内容 上一年项目数量 本年增/减 行政事业性收费
第二十条第（九）项 信息内容 采购项目数量 采购总金额 政府集中采购
（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） 申请人情况 自然人 法人或其他组织 总计 商业企业 科研机构 社会公益组织 法律服务机构 其他
一、本年新收政府信息公开申请数量
二、上年结转政府信息公开申请数量
三、本年度办理结果 （一）予以公开 （二）部分公开（区分处理的，只计这一情形，不计其他情形）
（三）不予公开 1.属于国家秘密 2.其他法律行政法规禁止公开 3.危及“三安全一稳定” 4.保护第三方合法权益 5.属于三类内部事务信息 6.属于四类过程性信息 7.属于行政执法案卷 8.属于行政查询事项
（四）无法提供 1.本机关不掌握相关政府信息 2.没有现成信息需要另行制作 3.补正后申请内容仍不明确
（五）不予处理 1.信访举报投诉类申请 2.重复申请 3.要求提供公开出版物 4.无正当理由大量反复申请 5.要求行政机关确认或重新出具已获取信息
（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 3.其他
（七）总计
四、结转下年度继续办理
行政复议 行政诉讼 结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉 结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计
`
