import type {WrapperProps} from '@docusaurus/types';
import ReadingTime from '@site/src/components/ReadingTime';
import Content from '@theme-original/DocItem/Content';
import type ContentType from '@theme/DocItem/Content';

type Props = WrapperProps<typeof ContentType>;

/** Every guide page shows the reading time its front matter states, without each page importing it. */
export default function ContentWrapper(props: Props) {
  return (
    <>
      <ReadingTime />
      <Content {...props} />
    </>
  );
}
