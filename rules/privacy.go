package rules

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/gongkai/gongkai/facts"
)

// privacy-leak: unmasked personal data on a published page or in its attachments.
//
// What counts (see privacy_scan.go for the detectors):
//   - 18-digit resident ID numbers with a valid GB 11643 check character, a province
//     code and a real birth date (not after the page's date, at most 120 years before);
//   - legacy 15-digit IDs, only under an ID label or column and with a real birth date;
//   - bank card / 一卡通 numbers (16–19 digits, Luhn, a card issuer prefix) under a
//     账号/卡号/一卡通/社保卡 label or column, belonging to a person (a list headed 姓名/
//     户主/户名…, or a holder on the line who is not an organisation: the account of a
//     财政局 published for payments is not personal data);
//   - personal mobile numbers in a list of people: at least two distinct mobiles in rows
//     under a header naming private persons (姓名, 户主 …) that is not a contact list of
//     officials or offices (职务, 联系人, 窗口, 科室 …). A notice's single contact line
//     ("联系人：张三，电话：138…") and the 指南's office telephones are published on
//     purpose and are not flagged.
//
// One finding per page (its text and tables) and one per attachment, at the attachment's
// own URL: that is the file to withdraw. Evidence counts the numbers by kind and shows the
// first of each masked, with where it is; it never repeats a whole number.

type privacyParams struct {
	// AttachmentNames: unreadable attachments whose names match are reported undetermined
	// (a 名册 that could not be read is where leaks hide); others are skipped silently.
	AttachmentNames string `yaml:"attachment_names"`
	// Mobiles turns the mobile-number detector on or off.
	Mobiles bool `yaml:"mobiles"`

	attachRe *regexp.Regexp
}

func (p *privacyParams) Validate() error {
	if p.AttachmentNames != "" {
		re, err := regexp.Compile(p.AttachmentNames)
		if err != nil {
			return fmt.Errorf("attachment_names: %w", err)
		}
		p.attachRe = re
	}
	return nil
}

var privacyLeak = register(&Rule{
	ID:  "privacy-leak",
	Doc: "unmasked personal data (resident ID numbers, bank card numbers, mobiles in person lists) on a page or in its attachments",
	Params: func() any {
		return &privacyParams{AttachmentNames: `名册|名单|花名册|明细|清册|公示|发放|补贴|补助|救助|低保|特困|人员`, Mobiles: true}
	},
	CheckPage: func(pass *Pass, p *facts.Page) {
		prm := pass.Params.(*privacyParams)
		seen := pass.Site.Memo("privacy.seen", func() any { return map[string]bool{} }).(map[string]bool)
		ref := p.Published
		if ref.IsZero() || ref.After(pass.AsOf) {
			ref = pass.AsOf
		}
		if p.Kind == facts.KindAttachment {
			// A file stored as a page of its own.
			if seen[p.URL] || strings.TrimSpace(p.Text) == "" {
				return
			}
			seen[p.URL] = true
			pass.Judged()
			s := newPIIScan(ref)
			s.scanLines(strings.Split(p.Text, "\n"), "line")
			privacyReport(pass, prm, p.URL, p.Title, s, "in the file")
			return
		}
		if !seen[p.URL] && (strings.TrimSpace(p.Text) != "" || len(p.Tables) > 0) {
			seen[p.URL] = true
			pass.Judged()
			s := newPIIScan(ref)
			s.scanLines(strings.Split(p.Text, "\n"), "line")
			for i, t := range p.Tables {
				s.scanLines(piiTableLines(t), fmt.Sprintf("table %d row", i+1))
			}
			privacyReport(pass, prm, p.URL, p.Title, s, "in the page text")
		}
		for _, a := range p.Attachments {
			if a.URL == "" || seen[a.URL] || a.TextAt != "" {
				continue
			}
			name := a.Name
			if name == "" {
				name = a.URL[strings.LastIndex(a.URL, "/")+1:]
			}
			if strings.TrimSpace(a.Text) == "" {
				if a.Unreadable != "" && prm.attachRe != nil && prm.attachRe.MatchString(name) {
					seen[a.URL] = true
					pass.Undetermined(a.URL, name, fmt.Sprintf("附件《%s》 linked from 《%s》 %s could not be read (%s): check it for unmasked ID and account numbers by hand",
						name, p.Title, p.URL, a.Unreadable))
				}
				continue
			}
			seen[a.URL] = true
			pass.Judged()
			s := newPIIScan(ref)
			s.scanLines(strings.Split(a.Text, "\n"), "line")
			privacyReport(pass, prm, a.URL, name, s, fmt.Sprintf("in 附件《%s》 linked from 《%s》 %s", name, p.Title, p.URL))
		}
	},
})

// privacyReport turns a scan into at most one finding.
func privacyReport(pass *Pass, prm *privacyParams, url, title string, s *piiScan, where string) {
	byKind := map[piiKind][]piiHit{}
	for _, h := range s.hits {
		if h.Kind == piiMobile && !prm.Mobiles {
			continue
		}
		byKind[h.Kind] = append(byKind[h.Kind], h)
	}
	var parts []string
	for _, k := range []piiKind{piiID, piiID15, piiCard, piiMobile} {
		hs := byKind[k]
		if len(hs) == 0 {
			continue
		}
		first := hs[0]
		what := map[piiKind]string{
			piiID:     "unmasked 18-digit resident ID number(s) with a valid check digit, birth date and province code",
			piiID15:   "unmasked 15-digit resident ID number(s) under an ID label",
			piiCard:   "unmasked bank card / 一卡通 number(s) passing the Luhn check in a list of people",
			piiMobile: "personal mobile number(s) in a list of people",
		}[k]
		loc := first.Where
		if first.Near != "" {
			loc += fmt.Sprintf(", after “%s”", first.Near)
		}
		parts = append(parts, fmt.Sprintf("%s: %d %s, first %s (%s)", k, len(hs), what, first.Masked, loc))
	}
	if len(parts) == 0 {
		return
	}
	pass.Report(url, title, strings.Join(parts, "; ")+" — "+where)
}
