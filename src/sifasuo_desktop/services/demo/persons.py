"""Demo dossiers: 60+ persons of both populations in every state (see ``generate``)."""

from __future__ import annotations

# Common surnames (with a few polyphonic ones: 单, 曾, 解) and given-name characters.
SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
                "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤单解")
GIVEN_CHARS = list("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红建国志文斌海波辉鹏飞俊峰春梅晓东亮宇浩"
                   "林凤云丹婷雪琴德生福成荣新庆永胜利军民忠义宏彬兵松柏")
# Region codes of 河南省郑州市 districts and counties (GB/T 2260), believable for a demo office.
REGIONS = ["410102", "410103", "410104", "410105", "410106", "410108", "410122", "410181", "410182", "410183"]
