#!/usr/bin/env python3
"""Writes src/EduDuty.Application/Security/common-passwords.txt: the passwords EduDuty refuses as too common.

The list is generated from our own word lists below (common English passwords, pinyin names and phrases, Chinese number
phrases, keyboard walks, dates) combined with the suffixes people add to make a short password long enough. Regenerate it
after changing this file: python3 scripts/generate-common-passwords.py
"""
import itertools
import pathlib

WORDS = """
password passw0rd p@ssword p@ssw0rd passwd pass pwd admin administrator root user guest test tester demo default login welcome
letmein changeme secret master super manager system server service qwerty qwertyuiop qwerty123 azerty asdf asdfgh asdfghjkl
zxcvbn zxcvbnm abc abcd abcde abcdef abcdefg abcdefgh abcd1234 iloveyou loveyou love lover loving monkey dragon shadow sunshine
princess football baseball basketball soccer hockey superman batman spiderman starwars pokemon naruto matrix hunter killer ninja
trustno1 whatever freedom flower flowers hello hello123 hellokitty cookie cheese chocolate banana orange apple computer internet
michael jennifer jessica ashley daniel thomas charlie jordan harley robert andrew joshua michelle amanda tigger buster pepper
ginger summer winter spring autumn maggie jasmine lovely angel angels baby babygirl family friends friend happy smile secret123
money silver golden diamond victory mustang ferrari porsche corvette mercedes samsung google yahoo facebook twitter instagram
office teacher student school college education china chinese beijing shanghai guangzhou shenzhen tianjin chongqing wuhan xian
shanxi taiyuan yuncheng datong jincheng changzhi linfen jinzhong xinzhou lvliang shuozhou yangquan hebei henan shandong hunan
zhongguo zhonghua woaini woaini1314 aini aini1314 woaiwojia woaizhongguo wodemima mima mimamima nihao nihaoma xiexie zaijian
laogong laopo baobao baobei qinai xiaobao xiaoming xiaohong xiaoli xiaowang xiaozhang dabao erbao huanhuan lele dandan tingting
zhang wang li liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng liang xie song tang han feng deng cao peng
zeng xiao tian dong pan yuan cai jiang yu du ye cheng wei su lv ding ren shen yao lu jiang cui zhong tan lu wang fan jin shi liao
jia xia wei fu fang bai zou meng xiong qin qiu jiang yin xue yan duan lei hou long shi tao li he gu mao hao gong shao wan qian yan
zhangwei wangwei wangfang lina liuyang zhangmin lijing wangjing zhanglei wangqiang liqiang zhangyong wanglei liyang zhangjie
wangjun liujie zhangtao chenjing yangyang lixia wangyan liuyan zhangli wangli liming zhangxin wangxin lijun liuwei chenwei
huawei xiaomi lenovo alibaba tencent baidu taobao weixin wechat qqqq qq123 qq1234 qqqqqq jiayou fendou xingfu kuaile pingan
shengri shengrikuaile zhufu caifu facai fa888 liuliu bababa jiujiu yiyi erer sansan sisi wuwu
teacher123 jiaoyu jiaoyuju jiaoyuting dudao dudaoshi pingjia zixiao zipingjia jiaoshi xuexiao xiaozhang banzhuren
""".split()

NUMBER_PHRASES = """
5201314 1314520 520520 521521 1314 7758521 7758258 9420 3344520 147258369 147852369 159357 159753 321654987 987654321 123321
112233 11223344 121212 131313 123123 123456 1234567 12345678 123456789 1234567890 0123456789 9876543210 000000 111111 666666
888888 999999 168168 518518 668899 886886 778899 445566 741852963 963852741 246810 13579 24680 100200 101010 110110 119119
""".split()

KEYBOARD = """
qwertyuiop asdfghjkl zxcvbnm qweasdzxc 1qaz2wsx 1qaz2wsx3edc 1qaz2wsx3edc4rfv zaq12wsx qazwsx qazwsxedc qazwsxedcrfv
1q2w3e4r 1q2w3e4r5t 1q2w3e4r5t6y 1qazxsw2 q1w2e3r4 q1w2e3r4t5 qweqwe asdasd zxczxc qwe123 asd123 zxc123 123qwe 123asd 123zxc
qwe123456 qwer1234 asdf1234 zxcv1234 !qaz2wsx !qaz@wsx 1qaz!qaz 2wsx3edc 3edc4rfv poiuytrewq lkjhgfdsa mnbvcxz qweasd
""".split()

SUFFIXES = ["", "1", "12", "123", "1234", "12345", "123456", "1234567", "12345678", "123456789", "1234567890", "0", "00",
            "000", "01", "11", "111", "666", "888", "999", "520", "521", "1314", "5201314", "!", "@", "#", "!@#", "@123", "#123",
            "_123", ".", "123!", "qwe", "abc", "2008", "2012"] + [str(y) for y in range(2015, 2031)] + [str(y) for y in range(1960, 2011, 5)]

PREFIXES = ["", "a", "aa", "abc", "qq", "wo", "my", "i", "1"]


def dates():
    # Birthdays as people type them: YYYYMMDD for 1950-2010 on the 1st, 8th and 18th and festival days.
    for year in range(1950, 2011):
        for month in range(1, 13):
            for day in (1, 8, 18, 28):
                yield f"{year}{month:02d}{day:02d}"


def main():
    out = set()
    for word, suffix in itertools.product(WORDS, SUFFIXES):
        out.add(word + suffix)
    for word, prefix in itertools.product(WORDS, PREFIXES):
        out.add(prefix + word)
    for phrase, extra in itertools.product(NUMBER_PHRASES + KEYBOARD, [""] + SUFFIXES[1:12] + ["qq", "abc", "woaini", "aini"]):
        out.add(phrase + extra)
        out.add(extra + phrase)
    for a, b in itertools.product(NUMBER_PHRASES, NUMBER_PHRASES[:20]):
        out.add(a + b)
    out.update(dates())
    lines = sorted(w.lower() for w in out if 4 <= len(w) <= 64)
    target = pathlib.Path(__file__).resolve().parent.parent / "src/EduDuty.Application/Security/common-passwords.txt"
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} passwords written to {target}")


if __name__ == "__main__":
    main()
